using Kiln.Processes;
using Kiln.Tools.Host;

namespace Kiln.Tools.Executors;

/// <summary>
/// How the local executor cuts a recipe's build steps off the network: each runs in a new network namespace (util-linux
/// <c>unshare --net</c>), which holds only a loopback interface that is down. That needs root; another user gets it where
/// the kernel allows unprivileged user namespaces. Where neither works the steps run in the host's network and
/// <see cref="Unavailable"/> says why, for the one warning the build prints: a build that cannot isolate still builds.
/// </summary>
internal sealed record NetworkIsolation(IReadOnlyList<string> Prefix, string? Unavailable)
{
    private const string Unshare = "unshare";

    public bool IsIsolated => Unavailable is null;

    /// <summary>The warning for a build whose steps keep the host's network.</summary>
    public string Warning =>
        $"warning: the local executor runs build.sh with the host's network: this build is not network isolated ({Unavailable}). "
        + "Run it as root to compile without network; the Docker executor always does.";

    /// <summary>Tries the namespace this process may create, with a command that does nothing.</summary>
    public static async Task<NetworkIsolation> ProbeAsync(bool isRoot, CancellationToken cancellationToken)
    {
        if (ResolvedCommand.Find(Unshare, Environment.GetEnvironmentVariable("PATH") ?? "") is null)
            return new([], $"'{Unshare}' (package util-linux) is not on PATH");
        // Without root a user namespace comes first; the current user stays who it is inside, so files keep their owner.
        IReadOnlyList<string> prefix = isRoot ? [Unshare, "--net", "--"] : [Unshare, "--user", "--map-current-user", "--net", "--"];
        var output = new StringWriter();
        var exitCode = await ProcessRunner.RunAsync([.. prefix, "true"], Environment.CurrentDirectory, null, output, cancellationToken);
        return exitCode == 0
            ? new(prefix, null)
            : new([], $"'{string.Join(' ', prefix)} true' failed with exit code {exitCode}: {output.ToString().Trim()}");
    }
}
