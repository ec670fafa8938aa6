using Kiln.Caching.Remote;
using Kiln.Tools.Sources.Snapshot;
using Kiln.Signing;

namespace Kiln.Pipeline;

/// <summary>Everything the tools stages take from the build's parameters.</summary>
internal sealed record ToolsSettings(
    string RootDirectory,
    IReadOnlyList<string> Architectures,
    IReadOnlyList<string> ToolNames,
    ExecutorKind Executor,
    string CacheDirectory,
    long CacheMaxBytes,
    string BaseImage,
    string BuilderDockerfile)
{
    /// <summary>The parameters behind these settings, for messages that say which one to change.</summary>
    public required ToolsParameterNames Parameters { get; init; }

    /// <summary>Rebuild even on a hit (and still save).</summary>
    public bool SkipCache { get; init; }

    /// <summary>Fail instead of rebuilding when any arch misses.</summary>
    public bool RequireHit { get; init; }

    /// <summary>Print every input that differs from the nearest entry, not just a paragraph.</summary>
    public bool Explain { get; init; }

    /// <summary>How many tool builds run at once; their <c>make -j</c> together stays within the CPU count.</summary>
    public int Jobs { get; init; } = Environment.ProcessorCount;

    /// <summary>An entry the remote cache holds with other bytes than this build made for the same key fails the build, instead of a warning.</summary>
    public bool CheckReproducible { get; init; }

    /// <summary>The shared tier behind the local cache; null when there is none.</summary>
    public RemoteCacheOptions? RemoteCache { get; init; }

    /// <summary>Where pinned source packages apt no longer serves come from; null when only apt is asked.</summary>
    public SnapshotArchive? SnapshotArchive { get; init; }

    /// <summary>The key that signs the entries this build saves or uploads, and the keys whose entries it accepts.</summary>
    public BuildKeys Keys { get; init; } = BuildKeys.None;

    /// <summary>The folder of the tool recipes, relative to the root.</summary>
    public string RecipesFolder { get; init; } = CheckoutLayout.DefaultRecipesFolder;

    /// <summary>Redraw one line per running build in place (a terminal); otherwise print a line per start and finish.</summary>
    public bool LiveProgress { get; init; }
}
