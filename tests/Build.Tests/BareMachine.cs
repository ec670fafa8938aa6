using System.Security.Cryptography;
using System.Text;

namespace Build.Tests;

/// <summary>
/// A bare Debian machine as a container: the bootstrapped base image plus only what the .NET SDK itself needs (ICU,
/// OpenSSL, CA certificates, git), the host's SDK mounted read-only, the host's NuGet configuration and CA certificates
/// (package sources may sit behind a TLS proxy only the host trusts) and a repository copy mounted at <c>/repo</c>.
/// The container lives until disposed, so a second command sees what the first one installed.
/// </summary>
internal sealed class BareMachine : IDisposable
{
    private const string Dockerfile =
        "ARG BASE_IMAGE\n" +
        "FROM ${BASE_IMAGE}\n" +
        "RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libicu72 libssl3 ca-certificates git && apt-get clean\n";

    /// <summary>The docker CLI may be newer than the daemon and default to BuildKit, which this machine does not have.</summary>
    private static readonly Dictionary<string, string> ClassicBuilder = new() { ["DOCKER_BUILDKIT"] = "0" };

    private const string HostNuGetMount = "/kiln/host-nuget";

    private readonly string _container;

    private BareMachine(string container) => _container = container;

    public static BareMachine Start(string repository)
    {
        BaseImage.Ensure();
        var image = "kiln-bare-machine:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Dockerfile)))[..12];
        if (Docker("image", "inspect", image).ExitCode != 0)
            BuildImage(image);

        var sdk = Path.GetDirectoryName(RepositoryCopy.Run("readlink", ["-f", Which("dotnet")], repository).Output.Trim())!;
        var nugetConfiguration = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "NuGet");
        List<string> run =
        [
            "run", "-d", "--network", "host",
            "-v", $"{sdk}:/opt/dotnet:ro", "-v", "/etc/ssl/certs:/etc/ssl/certs:ro", "-v", $"{repository}:/repo",
            "-e", "PATH=/opt/dotnet:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "-e", "DOTNET_ROOT=/opt/dotnet",
            "-w", "/repo",
        ];
        if (Directory.Exists(nugetConfiguration))
            run.AddRange(["-v", $"{nugetConfiguration}:{HostNuGetMount}:ro"]);
        foreach (var name in new[] { "SSL_CERT_FILE", "SSL_CERT_DIR", "NUGET_CERT_REVOCATION_MODE" })
        {
            if (Environment.GetEnvironmentVariable(name) is { Length: > 0 } value)
                run.AddRange(["-e", $"{name}={value}"]);
        }

        var started = Docker([.. run, image, "sleep", "infinity"]);
        Assert.That(started.ExitCode, Is.Zero, started.All);
        var machine = new BareMachine(started.Output.Trim());
        // The host's NuGet sources become the container user's own, wherever its home is.
        var configured = machine.Run($"mkdir -p \"$HOME/.nuget/NuGet\" && if [ -d {HostNuGetMount} ]; then cp {HostNuGetMount}/* \"$HOME/.nuget/NuGet/\"; fi");
        Assert.That(configured.ExitCode, Is.Zero, configured.All);
        return machine;
    }

    /// <summary>Runs a bash command line in <c>/repo</c> as root.</summary>
    public ProcessResult Run(string commandLine) => Docker("exec", _container, "bash", "-c", commandLine);

    public void Dispose() => Docker("rm", "-f", _container);

    private static void BuildImage(string image)
    {
        var context = Directory.CreateTempSubdirectory("kiln-bare-machine-");
        try
        {
            File.WriteAllText(Path.Combine(context.FullName, "Dockerfile"), Dockerfile);
            var built = RepositoryCopy.Run("docker", ["build", "--network", "host", "--build-arg", $"BASE_IMAGE={BaseImage.Reference}", "-t", image, context.FullName],
                context.FullName, ClassicBuilder);
            Assert.That(built.ExitCode, Is.Zero, built.All);
        }
        finally
        {
            context.Delete(recursive: true);
        }
    }

    private static ProcessResult Docker(params string[] args) => RepositoryCopy.Run("docker", args, Path.GetTempPath(), ClassicBuilder);

    private static string Which(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, command)).FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException($"'{command}' is not on PATH");
}
