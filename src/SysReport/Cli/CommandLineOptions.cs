namespace SysReport.Cli;

internal sealed record CommandLineOptions(CommandMode Mode, bool Json = false, bool Bench = false, int? LoadSeconds = null);
