using Kiln.Processes;
using Kiln.Targets.Foundation;

namespace Kiln.Caching.Remote;

/// <summary>
/// What differs between the archive the server keeps for a key and the one this build made: the server's is fetched
/// and diffoscope compares the two, so a nondeterministic recipe shows which file and which bytes to fix.
/// </summary>
internal sealed class DivergenceReport(RemoteCacheClient client)
{
    /// <summary>Lines of diffoscope's report quoted per entry: enough to show the first differences.</summary>
    private const int ExcerptLines = 40;

    /// <param name="divergences">The entries that diverged.</param>
    /// <param name="local">The store holding this build's archives.</param>
    public async Task<string> DescribeAsync(IReadOnlyList<Divergence> divergences, ToolsCacheStore local, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        foreach (var divergence in divergences)
        {
            lines.Add($"  {divergence}");
            lines.AddRange((await DiffAsync(divergence, local.ArchivePath(divergence.Scope, divergence.Fingerprint), cancellationToken)).Select(line => $"    {line}"));
        }

        return string.Join(Environment.NewLine, lines);
    }

    private async Task<IReadOnlyList<string>> DiffAsync(Divergence divergence, string built, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("kiln-divergence-").FullName;
        try
        {
            var kept = Path.Combine(directory, $"server-{divergence.KeptSha256[..12]}.tgz");
            if (!await client.DownloadAsync(RemoteEntries.BlobPath(divergence.KeptSha256), () => new FileStream(kept, FileMode.Create, FileAccess.Write), cancellationToken))
                return [$"the server's archive cas/{divergence.KeptSha256[..12]} could not be fetched to compare"];
            var report = new StringWriter();
            try
            {
                // diffoscope exits 1 when the files differ, which they do.
                await ProcessRunner.RunAsync(["diffoscope", "--no-progress", "--text", "-", kept, built], directory, null, report, cancellationToken);
            }
            catch (BuildException)
            {
                return ["diffoscope is not installed (Debian: apt-get install diffoscope), so the difference is not shown"];
            }

            var excerpt = report.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
            return ["diffoscope (the server's archive, then this build's):", .. excerpt.Take(ExcerptLines), .. excerpt.Count > ExcerptLines ? [$"… {excerpt.Count - ExcerptLines} more lines"] : Array.Empty<string>()];
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
