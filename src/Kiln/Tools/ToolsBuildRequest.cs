namespace Kiln.Tools;

/// <summary>
/// What the Tools target asks for. <paramref name="Tools"/> empty means every recipe; build-only libraries of the
/// named tools are added. <paramref name="SourceDateEpoch"/> is the commit time of HEAD in seconds.
/// </summary>
internal sealed record ToolsBuildRequest(
    string RepositoryRoot,
    IReadOnlyList<ToolArchitecture> Architectures,
    IReadOnlyCollection<string> Tools,
    IToolExecutor Executor,
    long SourceDateEpoch);
