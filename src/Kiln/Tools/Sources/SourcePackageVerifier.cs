using Kiln.Targets.Fingerprints;
using Kiln.Tools.Recipes;

namespace Kiln.Tools.Sources;

/// <summary>Checks a downloaded source package: the .dsc against the recipe's pin, every file against the .dsc.</summary>
internal static class SourcePackageVerifier
{
    /// <summary>The .dsc file name apt gives a source package (the epoch is not part of file names).</summary>
    public static string DscFileName(ToolRecipe recipe) => $"{recipe.SourcePackage}_{WithoutEpoch(recipe.Version)}.dsc";

    /// <summary>A Debian version as package file names carry it: <c>1:2.3-1</c> becomes <c>2.3-1</c>.</summary>
    public static string WithoutEpoch(string version) => version[(version.IndexOf(':') + 1)..];

    public static void Verify(ToolRecipe recipe, string packageDirectory)
    {
        var dscPath = Path.Combine(packageDirectory, DscFileName(recipe));
        if (!File.Exists(dscPath))
            throw new FileNotFoundException($"{recipe.Name}: the source package has no {DscFileName(recipe)}", dscPath);

        var dscSha256 = ContentHash.OfFile(dscPath);
        if (dscSha256 != recipe.DscSha256)
            throw new SourceVerificationException(recipe.Name, DscFileName(recipe), recipe.DscSha256, dscSha256, $"{recipe.RecipeFile} (dscSha256)");

        foreach (var (name, expected, _) in DscFile.Read(dscPath).Files)
        {
            var file = Path.Combine(packageDirectory, name);
            if (!File.Exists(file))
                throw new FileNotFoundException($"{recipe.Name}: {name}, listed in {DscFileName(recipe)}, is missing", file);
            var actual = ContentHash.OfFile(file);
            if (actual != expected)
                throw new SourceVerificationException(recipe.Name, name, expected, actual, DscFileName(recipe));
        }
    }
}
