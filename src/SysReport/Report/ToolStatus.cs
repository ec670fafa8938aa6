namespace SysReport.Report;

internal sealed record ToolStatus(string Name, string Version, string SourcePackage, string Licence, IReadOnlyList<BinaryStatus> Binaries)
{
    public bool Complete => Binaries.All(b => b.Present);
}
