namespace SysReport.Install;

internal sealed class ToolNotFoundException(string tool, string expectedPath)
    : Exception($"{tool} is missing: expected the bundled binary at {expectedPath}");
