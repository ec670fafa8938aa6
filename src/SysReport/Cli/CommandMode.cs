namespace SysReport.Cli;

internal enum CommandMode
{
    Report,
    Tools,
    Version,
    Help,
}
