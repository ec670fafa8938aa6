namespace Kiln.Tools;

/// <summary>
/// What the Tools target asks for. <paramref name="Tools"/> empty means every recipe; build-only libraries of the
/// named tools are added. <paramref name="SourceDateEpoch"/> is what the recipes see as SOURCE_DATE_EPOCH; the pipeline passes a fixed value so a new commit does not change the binaries.
/// </summary>
internal sealed record ToolsBuildRequest(
    string RepositoryRoot,
    IReadOnlyList<ToolArchitecture> Architectures,
    IReadOnlyCollection<string> Tools,
    IToolExecutor Executor,
    SourcePackageStore Sources,
    long SourceDateEpoch);
