namespace SysReport;

internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Contains("--version"))
        {
            Console.WriteLine(typeof(Program).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");
            return 0;
        }

        Console.WriteLine("usage: sysreport [--version] [--help]");
        return args.Length == 0 || args.Contains("--help") ? 0 : 2;
    }
}
