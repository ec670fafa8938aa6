using Kiln.Archives;
using static Kiln.Bench.Measure;

namespace Kiln.Bench;

/// <summary>
/// Packing the two release archives the way Dist does (explicit entries, fixed owners and modes, clamped mtimes,
/// normalised gzip header) next to GNU tar with the same normalisations piped into <c>gzip -n</c>, on the same trees.
/// </summary>
internal static class DistPackBench
{
    /// <param name="dist">A dist/ folder from <c>./build.sh Dist</c>; its per-arch archives are unpacked as the input trees.</param>
    public static void Run(string dist, string scratch, int runs)
    {
        Console.WriteLine();
        Console.WriteLine($"## Dist: packing the release archives from {Path.GetFileName(Path.GetFullPath(dist))}/ trees");
        Console.WriteLine();
        Console.WriteLine("| archive | entries | MB | Kiln | `tar --sort=name ... \\| gzip -n` | ratio |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var archive in new[] { "sysreport.tgz", "sysreport-aarch64.tgz" })
        {
            var tree = Path.Combine(scratch, Path.GetFileNameWithoutExtension(archive));
            Directory.CreateDirectory(tree);
            Shell($"tar -xzf {Quote(Path.Combine(dist, archive))} -C {Quote(tree)}");
            var entries = ArchiveEntries.FromDirectory(tree).ToList();
            var megabytes = entries.Where(e => e.SourcePath is not null).Sum(e => new FileInfo(e.SourcePath!).Length) / 1e6;
            var ours = Path.Combine(scratch, "kiln-" + archive);
            var kiln = Median(runs, () =>
            {
                using var output = new FileStream(ours, FileMode.Create, FileAccess.Write);
                TarGz.Pack(entries, output, DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
            });
            var gnu = Median(runs, () => Shell(
                $"tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@1700000000 -C {Quote(tree)} -cf - . | gzip -n -6 > {Quote(Path.Combine(scratch, "gnu-" + archive))}"));
            Console.WriteLine($"| {archive} | {entries.Count} | {megabytes:0.0} | {Ms(kiln)} | {Ms(gnu)} | {kiln / gnu:0.00}x |");
        }
    }
}
