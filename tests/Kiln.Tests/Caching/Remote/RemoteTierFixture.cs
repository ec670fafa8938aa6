using Kiln.Caching;
using Kiln.Caching.Remote;
using Kiln.Signing;
using Kiln.Targets.Fingerprints;

namespace Kiln.Tests.Caching.Remote;

/// <summary>One machine's view of a remote cache in the tests: its own local store, the tier over it, and what it printed.</summary>
internal sealed class RemoteTierFixture : IDisposable
{
    private readonly StringWriter _log = new();
    private readonly RemoteTier _tier;

    /// <param name="signingKey">The team's private key this machine holds, if any.</param>
    /// <param name="trusted">The public keys this machine trusts; none verifies nothing.</param>
    public RemoteTierFixture(ScratchDirectory scratch, string url, RemoteCacheMode mode, string? token = null, SigningKey? signingKey = null,
        TimeSpan? readTimeout = null, TrustedKeys? trusted = null, string? readToken = null)
    {
        var environment = new Dictionary<string, string?>
        {
            [BuildParameters.RemoteCache.TokenVariable] = token,
            [BuildParameters.RemoteCache.ReadTokenVariable] = readToken,
        };
        var options = RemoteCacheOptions.Create(url, mode, BuildParameters.RemoteCache, name => environment.GetValueOrDefault(name))! with
        {
            Backoff = TimeSpan.FromMilliseconds(10),
            ReadTimeout = readTimeout ?? TimeSpan.FromSeconds(10),
            Trust = new EntryTrust(signingKey, trusted ?? TrustedKeys.None),
        };
        var root = scratch.Combine($"tools-cache-{Guid.NewGuid():N}");
        Local = new ToolsCacheStore(root) { Trust = EntryTrust.ForLocalStore(root, signingKey, trusted ?? TrustedKeys.None) };
        Output = TextWriter.Synchronized(_log);
        _tier = new RemoteTier(options, Output);
        Store = _tier.Over(Local);
    }

    public ToolsCacheStore Local { get; }

    public IToolsCacheStore Store { get; }

    public RemoteUploads Uploads => _tier.Uploads;

    public RemoteTier Tier => _tier;

    /// <summary>Where this machine prints, read back by <see cref="Log"/>.</summary>
    public TextWriter Output { get; }

    public string Log => _log.ToString();

    public int Warnings => Log.Split('\n').Count(line => line.StartsWith("warning:", StringComparison.Ordinal));

    public static FingerprintInputs Inputs(string arch, string parameter = "default") =>
        new(new Dictionary<string, string> { ["arch"] = arch, ["parameter"] = parameter },
            new Dictionary<string, FileDigest> { ["stress/build.sh"] = FileDigest.Regular(new string('a', 64), executable: true) });

    public static string BuiltTools(ScratchDirectory scratch, string content)
    {
        var name = $"built-{Guid.NewGuid():N}";
        scratch.Write($"{name}/bin/stress", content, executable: true);
        return scratch.Combine(name);
    }

    public void Dispose() => _tier.Dispose();
}
