using Kiln.DotNet;
using Kiln.Targets;

namespace Kiln.Components;

/// <summary>Restores and builds the solution (<see cref="CheckoutLayout.SolutionFile"/>); Clean deletes what building leaves.</summary>
internal interface ICompile : ICheckout
{
    [Parameter("Configuration to build")]
    Configuration Configuration => ParameterValue(nameof(Configuration), Configuration.Release);

    Target Clean => _ => _
        .Description("Deletes build outputs: bin/ and obj/ of every project, .build/ and dist/")
        .Before(Restore)
        .Executes(() => BuildOutputs.Clean(Layout));

    Target Restore => _ => _
        .Description("Restores NuGet packages")
        .Executes(context => DotNet.RestoreAsync(Layout.SolutionFile, context.CancellationToken));

    Target Compile => _ => _
        .Description("Builds the product, the build components and the tests")
        .DependsOn(Restore)
        .Executes(context => DotNet.BuildAsync(Layout.SolutionFile, Configuration.ToString(), context.CancellationToken));
}
