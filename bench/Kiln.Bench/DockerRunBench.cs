using System.Diagnostics;
using System.Formats.Tar;
using Docker.DotNet;
using Docker.DotNet.Models;
using Kiln.Docker;
using static Kiln.Bench.Measure;

namespace Kiln.Bench;

/// <summary>
/// Create + start + wait + remove of a trivial container through Docker.DotNet, alternating with <c>docker run --rm</c>
/// of the same image, so both see the same daemon load. The image is a static busybox imported for the run
/// (no registry is needed) and removed at the end.
/// </summary>
internal static class DockerRunBench
{
    private const string Busybox = "/bin/busybox";

    public static void Run(int pairs)
    {
        using var client = new DockerClientBuilder().Build();
        var image = $"kiln-bench-busybox:{Guid.NewGuid():N}";
        ImportBusybox(client, image);
        try
        {
            for (var warmUp = 0; warmUp < 2; warmUp++)
            {
                RunThroughLibrary(client, image);
                RunThroughCli(image);
            }
            var library = new List<TimeSpan>();
            var cli = new List<TimeSpan>();
            for (var pair = 0; pair < pairs; pair++)
            {
                library.Add(Time(() => RunThroughLibrary(client, image)));
                cli.Add(Time(() => RunThroughCli(image)));
            }
            var libraryMedian = MedianOf(library);
            var cliMedian = MedianOf(cli);
            Console.WriteLine();
            Console.WriteLine($"## Docker: create + start + wait + remove of `true`, {pairs} alternating pairs after 2 warm-up pairs");
            Console.WriteLine();
            Console.WriteLine("| Docker.DotNet | `docker run --rm` | ratio |");
            Console.WriteLine("|---|---|---|");
            Console.WriteLine($"| {Ms(libraryMedian)} | {Ms(cliMedian)} | {libraryMedian / cliMedian:0.00}x |");
        }
        finally
        {
            client.Images.DeleteImageAsync(image, new ImageDeleteParameters { Force = true }).GetAwaiter().GetResult();
        }
    }

    private static void RunThroughLibrary(IDockerClient client, string image)
    {
        var created = client.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Image = image,
            Cmd = ["true"],
            HostConfig = new HostConfig { NetworkMode = "host" },
        }).GetAwaiter().GetResult();
        client.Containers.StartContainerAsync(created.ID, new ContainerStartParameters()).GetAwaiter().GetResult();
        var exit = client.Containers.WaitContainerAsync(created.ID).GetAwaiter().GetResult();
        client.Containers.RemoveContainerAsync(created.ID, new ContainerRemoveParameters { Force = true }).GetAwaiter().GetResult();
        if (exit.StatusCode != 0)
            throw new InvalidOperationException($"the container exited with {exit.StatusCode}");
    }

    private static void RunThroughCli(string image) => Shell($"docker run --rm --network host {image} true");

    private static void ImportBusybox(IDockerClient client, string image)
    {
        if (!File.Exists(Busybox))
            throw new InvalidOperationException($"{Busybox} is missing: apt-get install busybox-static");
        using var rootfs = new MemoryStream();
        using (var writer = new TarWriter(rootfs, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var directory in new[] { "bin/", "tmp/", "etc/", "proc/", "sys/", "dev/" })
                writer.WriteEntry(new PaxTarEntry(TarEntryType.Directory, directory) { Mode = (UnixFileMode)0b111_101_101 });
            writer.WriteEntry(Busybox, "bin/busybox");
            writer.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, "bin/true") { LinkName = "busybox" });
        }
        rootfs.Position = 0;
        client.Images.ImportAsync(rootfs, ImageReference.Parse(image), null, CancellationToken.None).GetAwaiter().GetResult();
    }

    private static TimeSpan Time(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed;
    }

    private static TimeSpan MedianOf(List<TimeSpan> times)
    {
        times.Sort();
        return times[times.Count / 2];
    }
}
