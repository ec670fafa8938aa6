using System.Globalization;
using Kiln.Processes;
using Kiln.Targets.Foundation;

namespace Kiln.Dist;

/// <summary>
/// Which commit a release is built from, read from git: the version (latest <c>v*</c> tag and the commits since, or
/// <c>0.0.0-dev</c>), the commit, and its time, which is also the default SOURCE_DATE_EPOCH.
/// </summary>
internal sealed record SourceRevision(string Version, string Commit, DateTimeOffset CommitTime, long SourceDateEpoch)
{
    public string ShortCommit => Commit[..12];

    public string Date => CommitTime.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public string Time => CommitTime.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>SOURCE_DATE_EPOCH as an ISO 8601 UTC time: the only time the SBOM and provenance may hold.</summary>
    public string SourceDateTimestamp =>
        DateTimeOffset.FromUnixTimeSeconds(SourceDateEpoch).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <param name="sourceDateEpoch">The user's SOURCE_DATE_EPOCH, when set; the commit time otherwise.</param>
    public static async Task<SourceRevision> ReadAsync(string repository, long? sourceDateEpoch, CancellationToken cancellationToken)
    {
        var log = (await Git(repository, ["log", "-1", "--format=%H %ct"], cancellationToken)).Split(' ');
        if (log.Length != 2)
            throw new BuildException($"{repository}: 'git log' did not name the HEAD commit; a release is built from a git checkout with at least one commit.");
        var commitTime = DateTimeOffset.FromUnixTimeSeconds(long.Parse(log[1], CultureInfo.InvariantCulture));
        return new SourceRevision(await VersionAsync(repository, cancellationToken), log[0], commitTime,
            sourceDateEpoch ?? commitTime.ToUnixTimeSeconds());
    }

    /// <summary><c>v1.2.3</c> on HEAD -> <c>1.2.3</c>; 4 commits later -> <c>1.2.3-4-gabcdef012345</c>; no tag -> <c>0.0.0-dev</c>.</summary>
    private static async Task<string> VersionAsync(string repository, CancellationToken cancellationToken)
    {
        try
        {
            var described = await Git(repository, ["describe", "--tags", "--match", "v[0-9]*", "--long", "--abbrev=12"], cancellationToken);
            var parts = described.TrimStart('v').Split('-');
            var tag = string.Join('-', parts[..^2]);
            return parts[^2] == "0" ? tag : $"{tag}-{parts[^2]}-{parts[^1]}";
        }
        catch (BuildException)
        {
            // git describe exits non-zero when no v* tag is reachable from HEAD.
            return "0.0.0-dev";
        }
    }

    private static async Task<string> Git(string repository, IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        (await ProcessRunner.CaptureAsync(["git", .. arguments], repository, cancellationToken)).Trim();
}
