using Kiln.Tools.Building;
using Kiln.Tools.Sources;

namespace Kiln.Dist;

/// <summary>Everything the provenance records about one release build: how it was invoked and what it resolved.</summary>
/// <param name="Targets">The targets named on the command line (the default target when none was).</param>
/// <param name="BuilderImageTag">The content tag of the builder image the Docker executor uses (and would use).</param>
/// <param name="ToolsCacheKeys">The tools cache key of each arch.</param>
internal sealed record ProvenanceInputs(
    SourceRevision Revision,
    IReadOnlyList<string> Targets,
    IReadOnlyList<string> Arches,
    IReadOnlyList<string> Tools,
    string Executor,
    string BaseImage,
    string BuilderImageTag,
    string SdkVersion,
    IReadOnlyList<ToolsManifest> BuiltTools,
    IReadOnlyList<FetchedDataFile> Data,
    IReadOnlyList<PublishedProduct> Products,
    IReadOnlyDictionary<string, string> ToolsCacheKeys);
