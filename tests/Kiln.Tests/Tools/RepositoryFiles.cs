namespace Kiln.Tests.Tools;

/// <summary>Files of this repository that the tests read, found by walking up from the test assembly to Kiln.slnx.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string Recipes => Path.Combine(Root, "tools");

    public static string Schema => Path.Combine(Recipes, "tool.schema.json");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Kiln.slnx")))
                return directory.FullName;
        throw new InvalidOperationException("Kiln.slnx not found above the test directory");
    }
}
