namespace Kiln.Tests.DotNet;

/// <summary>
/// A small NUnit project built once in a scratch directory, with the repository's package versions and its shared time
/// limit, whose tests crash, hang or fail when <see cref="Behaviour"/> asks them to: the harness's subject, for real.
/// </summary>
internal sealed class SyntheticTestProject : IDisposable
{
    public const string Name = "Synthetic.Tests";
    public const string Behaviour = "KILN_SYNTHETIC_BEHAVIOUR";
    public const int TimeLimitSeconds = 5;

    private const string Tests = """
        using Kiln.Testing;

        [assembly: TimeLimit(TIME_LIMIT)]

        namespace Synthetic;

        public class SyntheticTests
        {
            private static bool Asked(string behaviour) => Environment.GetEnvironmentVariable("BEHAVIOUR") == behaviour;

            [Test] public void Passes() => Assert.That(1 + 1, Is.EqualTo(2));

            [Test] public void Crashes_when_asked() { if (Asked("crash")) Environment.FailFast("the synthetic test host crashed"); }

            [Test] public void Hangs_when_asked() { if (Asked("hang")) System.Diagnostics.Process.Start("sleep", "600")!.WaitForExit(); }

            [Test] public void Fails_when_asked() => Assert.That(Asked("fail"), Is.False, "asked to fail");
        }
        """;

    private readonly ScratchDirectory _directory = new();

    private SyntheticTestProject() => Project = _directory.Combine(Name, Name + ".csproj");

    public string Project { get; }

    public string Directory => _directory.Path;

    public const int TestCount = 4;

    public static SyntheticTestProject Build()
    {
        var repository = RepositoryRoot();
        var project = new SyntheticTestProject();
        foreach (var props in new[] { "Directory.Build.props", "Directory.Packages.props" })
            File.Copy(Path.Combine(repository, props), project._directory.Combine(props));
        project._directory.Write(Path.Combine(Name, Name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><IsTestProject>true</IsTestProject><IsPackable>false</IsPackable></PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Microsoft.NET.Test.Sdk" />
                <PackageReference Include="NUnit" />
                <PackageReference Include="NUnit3TestAdapter" />
                <Compile Include="{Path.Combine(repository, "tests", "Shared")}/*.cs" />
                <Using Include="NUnit.Framework" />
              </ItemGroup>
            </Project>
            """);
        project._directory.Write(Path.Combine(Name, "SyntheticTests.cs"),
            Tests.Replace("TIME_LIMIT", TimeLimitSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("BEHAVIOUR", Behaviour, StringComparison.Ordinal));
        var build = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("dotnet", ["build", project.Project, "-c", "Release", "--nologo", "-v", "q"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = build.StandardOutput.ReadToEndAsync();
        var error = build.StandardError.ReadToEnd();
        build.WaitForExit();
        Assert.That(build.ExitCode, Is.Zero, output.Result + error);
        return project;
    }

    public void Dispose() => _directory.Dispose();

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Kiln.slnx")))
                return directory.FullName;
        }

        throw new InvalidOperationException("The repository root (Kiln.slnx) was not found above the test assembly.");
    }
}
