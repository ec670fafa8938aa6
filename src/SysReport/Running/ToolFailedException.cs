namespace SysReport.Running;

internal sealed class ToolFailedException(string message) : Exception(message);
