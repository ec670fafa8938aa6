using Kiln.DotNet;
using Kiln.Targets;

/// <summary>
/// What the release is, target by target. How each step works lives in src/Kiln; this file only wires it.
/// </summary>
partial class Build : KilnBuild
{
    public static int Main() => Execute<Build>(x => x.Compile);

    [Parameter("Configuration to build")]
    readonly Configuration Configuration = Configuration.Release;

    AbsolutePath Solution => RootDirectory / "Kiln.slnx";
    AbsolutePath TestResultsDirectory => TemporaryDirectory / "test-results";

    DotNetCli DotNet => new(RootDirectory, Log);

    Target Clean => _ => _
        .Description("Deletes build outputs: bin/ and obj/ of every project, .build/ and dist/")
        .Before(Restore)
        .Executes(() => BuildOutputs.Clean(RootDirectory));

    Target Restore => _ => _
        .Description("Restores NuGet packages")
        .Executes(context => DotNet.RestoreAsync(Solution, context.CancellationToken));

    Target Compile => _ => _
        .Description("Builds the product, the build components and the tests")
        .DependsOn(Restore)
        .Executes(context => DotNet.BuildAsync(Solution, Configuration.ToString(), context.CancellationToken));

    Target Test => _ => _
        .Description("Runs every NUnit test project and prints 'N passed, N failed'")
        .DependsOn(Compile)
        .Executes(async context =>
        {
            var summary = await DotNet.TestAsync(Solution, Configuration.ToString(), TestResultsDirectory, context.CancellationToken);
            Log.WriteLine(summary.ToString());
            context.Note(summary.ToString());
            if (summary.Failed > 0)
                throw new BuildException($"{summary.Failed} test(s) failed: {string.Join(", ", summary.FailedTests)}");
        });
}
