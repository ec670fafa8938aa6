using Kiln.Components;
using Kiln.Targets;

namespace Kiln.Tests.Components;

/// <summary>
/// A second build made of the library's components, as another repository would compose it: the tools component with
/// its recipes in another folder, and the compile component's Compile extended with one more step.
/// </summary>
internal sealed class MinimalBuild : KilnBuild, ITools, ICompile
{
    public const string RecipesFolder = "native";

    string ITools.RecipesFolder => RecipesFolder;

    Target ICompile.Compile => _ => _
        .Inherit<ICompile>(x => x.Compile)
        .Executes(() => Log.WriteLine("stamped"));
}
