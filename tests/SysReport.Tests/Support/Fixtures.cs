namespace SysReport.Tests.Support;

/// <summary>Outputs recorded from real machines and tools, in Fixtures/.</summary>
internal static class Fixtures
{
    public static string PathOf(string name) => Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", name);

    public static string Read(string name) => File.ReadAllText(PathOf(name));
}
