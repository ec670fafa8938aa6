using Kiln.Targets.Foundation;

namespace Kiln.Targets.Tests;

/// <summary>Small builds that record what ran, one per behaviour family.</summary>
internal class RecordingBuild : KilnBuild
{
    public List<string> Ran { get; } = [];

    protected Action Record(string name) => () => Ran.Add(name);
}

internal sealed class ChainBuild : RecordingBuild
{
    public Target Restore => _ => _.Description("Restores").Executes(Record(nameof(Restore)));
    public Target Compile => _ => _.DependsOn(Restore).Executes(Record(nameof(Compile)));
    public Target Test => _ => _.DependsOn(Compile).Triggers(Report).Executes(Record(nameof(Test)));
    public Target Report => _ => _.Executes(Record(nameof(Report)));
    public Target Hidden => _ => _.Unlisted().Executes(Record(nameof(Hidden)));
}

internal sealed class ConditionBuild : RecordingBuild
{
    public bool CacheHit { get; set; }
    public bool Enabled { get; set; } = true;

    public Target Image => _ => _.Executes(Record(nameof(Image)));
    public Target Tools => _ => _.DependsOn(Image).OnlyWhenStatic(() => Enabled).Executes(Record(nameof(Tools)));
    public Target Cache => _ => _.Executes(() => CacheHit = true);
    public Target Compile => _ => _.DependsOn(Cache).OnlyWhenDynamic(() => !CacheHit).Executes(Record(nameof(Compile)));
    public Target Dist => _ => _.DependsOn(Tools).Executes(Record(nameof(Dist)));
}

internal sealed class FailureBuild : RecordingBuild
{
    public Target Broken => _ => _.Executes(() => throw new InvalidOperationException("compiler exploded"));
    public Target Tolerant => _ => _.ProceedAfterFailure().Executes(() => throw new InvalidOperationException("lint failed"));
    public Target Independent => _ => _.After(Tolerant, Broken).Executes(Record(nameof(Independent)));
    public Target NeedsBroken => _ => _.DependsOn(Broken).Executes(Record(nameof(NeedsBroken)));
    public Target Cleanup => _ => _.After(Broken, NeedsBroken, Independent).AssuredAfterFailure().Executes(Record(nameof(Cleanup)));
    public Target Misconfigured => _ => _.Executes(() => throw new BuildException("tools/fio/tool.json: field 'version' is missing"));
}

internal sealed class RequiresBuild : RecordingBuild
{
    [Parameter("Key for publishing")]
    public string? ApiKey;

    public Target Publish => _ => _.Requires(() => ApiKey).Executes(Record(nameof(Publish)));
}

internal sealed class CycleBuild : RecordingBuild
{
    public Target A => _ => _.DependsOn(B).Executes(Record(nameof(A)));
    public Target B => _ => _.DependsOn(A).Executes(Record(nameof(B)));
}

internal sealed class CancellableBuild : RecordingBuild
{
    public CancellationTokenSource Cancellation { get; } = new();

    public Target Slow => _ => _.Executes(async context =>
    {
        Ran.Add(nameof(Slow));
        await Cancellation.CancelAsync();
        await Task.Delay(Timeout.Infinite, context.CancellationToken);
    });

    public Target Next => _ => _.DependsOn(Slow).Executes(Record(nameof(Next)));
}

internal sealed class NotedBuild : RecordingBuild
{
    public Target Cache => _ => _.Executes(context => context.Note("x86_64: hit 3f2a9c01d4e5"));

    public Target Arches => _ => _.Executes(context => context.Note(["x86_64: hit 3f2a9c01d4e5", "aarch64: miss"]));
}

internal sealed class AsyncConditionBuild : RecordingBuild
{
    public Target Probe => _ => _
        .OnlyWhenDynamic(async ct =>
        {
            await Task.Yield();
            return false;
        }, () => "the probe said no")
        .Executes(Record(nameof(Probe)));

    public Target Exploding => _ => _
        .OnlyWhenDynamic(() => throw new InvalidOperationException("the cache was never consulted"), () => "unreachable")
        .Executes(Record(nameof(Exploding)));

    public Target After => _ => _.DependsOn(Exploding).Executes(Record(nameof(After)));
}

internal sealed class InvokedTargetsBuild : RecordingBuild
{
    [Parameter("Where tools compile")]
    public Executor Executor = Executor.Auto;

    [Parameter("Architectures")]
    public string[] Arch = ["x86_64", "aarch64"];

    [Parameter("Fail on a miss")]
    public bool RequireToolsCacheHit;

    /// <summary><see cref="KilnBuild.InvokedTargets"/> when the build is initialized, before any target runs.</summary>
    public IReadOnlyList<string>? SeenTargets { get; private set; }

    public Target Restore => _ => _.Executes(Record(nameof(Restore)));
    public Target Compile => _ => _.DependsOn(Restore).Executes(Record(nameof(Compile)));
    public Target Checksums => _ => _.DependsOn(Compile).Executes(Record(nameof(Checksums)));

    protected internal override void OnBuildInitialized() => SeenTargets = InvokedTargets;
}

/// <summary>Generate turns src/*.txt and a flavour into out/result.txt; Package copies that to out/package.txt.</summary>
internal sealed class IncrementalBuild : RecordingBuild
{
    public string Flavour { get; init; } = "plain";
    public bool FailsAfterWriting { get; init; }
    public CancellationTokenSource? CancelsAfterWriting { get; init; }

    public AbsolutePath Result => RootDirectory / "out" / "result.txt";
    public AbsolutePath Package => RootDirectory / "out" / "package.txt";

    public Target Generate => _ => _
        .Inputs(() => new TargetInputs().Files(RootDirectory / "src", "**/*.txt").Value("flavour", Flavour))
        .Outputs(() => [Result])
        .Executes(async context =>
        {
            Ran.Add(nameof(Generate));
            Directory.CreateDirectory(Path.GetDirectoryName(Result)!);
            var sources = Directory.GetFiles(RootDirectory / "src", "*.txt").Order(StringComparer.Ordinal).Select(File.ReadAllText);
            await File.WriteAllTextAsync(Result, $"{Flavour}: {string.Join(",", sources)}");
            if (FailsAfterWriting)
                throw new InvalidOperationException("disk full");
            if (CancelsAfterWriting is { } cancellation)
            {
                await cancellation.CancelAsync();
                await Task.Delay(Timeout.Infinite, context.CancellationToken);
            }
        });

    public Target Bundle => _ => _
        .DependsOn(Generate)
        .Inputs(() => new TargetInputs().File(Result))
        .Outputs(() => [Package])
        .Executes(() =>
        {
            Ran.Add(nameof(Bundle));
            File.Copy(Result, Package, overwrite: true);
        });

    public Target Report => _ => _.DependsOn(Generate).Executes(Record(nameof(Report)));

    public Target Count => _ => _
        .Inputs(() => new TargetInputs().Files(RootDirectory / "src", "*", "!b*"))
        .Executes(Record(nameof(Count)));
}
