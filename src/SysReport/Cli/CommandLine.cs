using System.Globalization;

namespace SysReport.Cli;

internal static class CommandLine
{
    public const int MaxLoadSeconds = 3600;

    public const string Usage =
        """
        usage: sysreport [--json] [--bench] [--load SECONDS]
               sysreport --tools [--json]
               sysreport --version | --help

        Reports on the machine it runs on, partly through the tools bundled beside it.

          (no option)       CPU, memory, 1 s CPU utilisation, NUMA nodes, PCI devices, network links
          --bench           add a 5 s fio random-read test on a temporary file (TMPDIR)
          --load SECONDS    add SECONDS of stress on every CPU, sampling utilisation and clock each second
          --json            print JSON instead of text
          --tools           list the bundled tools from manifest.json and check their binaries
          --version         print the version
          --help            print this help

        The install root is the parent of the app folder, or SYSREPORT_HOME.
        Exit status: 0 ok (sections that cannot be read are listed under problems),
        1 --bench, --load or --tools failed, 2 usage error.
        """;

    public static CommandLineOptions Parse(IReadOnlyList<string> args)
    {
        if (args.Contains("--help") || args.Contains("-h"))
            return new CommandLineOptions(CommandMode.Help);
        if (args.Contains("--version"))
            return new CommandLineOptions(CommandMode.Version);

        bool json = false, bench = false, tools = false;
        int? load = null;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "--json":
                    json = true;
                    break;
                case "--bench":
                    bench = true;
                    break;
                case "--tools":
                    tools = true;
                    break;
                case "--load":
                    load = i + 1 < args.Count ? Seconds(args[++i]) : throw new UsageException("--load needs a number of seconds");
                    break;
                case not null when arg.StartsWith("--load=", StringComparison.Ordinal):
                    load = Seconds(arg["--load=".Length..]);
                    break;
                default:
                    throw new UsageException($"unknown option '{arg}'");
            }
        }

        if (tools && (bench || load is not null))
            throw new UsageException("--tools cannot be combined with --bench or --load");
        return new CommandLineOptions(tools ? CommandMode.Tools : CommandMode.Report, json, bench, load);
    }

    private static int Seconds(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 1 and <= MaxLoadSeconds
            ? seconds
            : throw new UsageException($"--load needs a whole number of seconds from 1 to {MaxLoadSeconds}, not '{text}'");
}
