using Kiln.Tools.Recipes;
using Kiln.Tools;

namespace Kiln;

/// <summary>
/// Every path of the checkout that the build reads or writes, in one place, so that the library, the build and its
/// tests cannot disagree on where a file lives:
/// <c>tools/</c> (recipes), <c>.build/apt/</c> (private apt state for host downloads), <c>.build/sources/&lt;tool&gt;/</c> (the selected sources, one folder per tool),
/// <c>.build/parts/&lt;arch&gt;/&lt;tool&gt;/</c> (one recipe's build, as the per-tool cache stores it),
/// <c>.build/tools/&lt;arch&gt;/</c> (<c>bin/</c> and <c>tools.json</c>), <c>.build/publish/sysreport/&lt;arch&gt;/</c> (the published program),
/// <c>dist/</c> (the release), <c>trusted-keys/</c> (the public keys signatures are checked against), <c>tools-cache/</c> (the default tools cache) and <c>.nuke/temp/</c> (logs and memos).
/// </summary>
internal sealed record CheckoutLayout(string RootDirectory)
{
    /// <summary>The tools cache when <c>--tools-cache-dir</c> names none, relative to the root.</summary>
    public const string DefaultToolsCacheFolder = "tools-cache";

    /// <summary>Where the Test target's TRX files go, relative to the root: the generated workflow uploads this folder.</summary>
    public const string TestResultsFolder = ".nuke/temp/test-results";

    /// <summary>The public keys the build trusts, one <c>&lt;name&gt;.pem</c> each, relative to the root; none (or no folder) verifies nothing.</summary>
    public const string TrustedKeysFolder = "trusted-keys";

    /// <summary>The recipes' folder when the build names none, relative to the root.</summary>
    public const string DefaultRecipesFolder = "tools";

    /// <summary>The folder of the tool recipes, relative to the root: a build composing the tools component may keep them elsewhere.</summary>
    public string RecipesFolder { get; init; } = DefaultRecipesFolder;

    public string RecipesDirectory => Path.Combine(RootDirectory, RecipesFolder);

    public string BuilderDockerfile => Path.Combine(RootDirectory, "build", "builder.Dockerfile");

    public string BuildDirectory => Path.Combine(RootDirectory, ".build");

    public string AptDirectory => Path.Combine(BuildDirectory, "apt");

    public string SourcesDirectory => Path.Combine(BuildDirectory, "sources");

    public string ToolsDirectory => Path.Combine(BuildDirectory, "tools");

    public string OutputDirectory(ToolArchitecture arch) => OutputDirectory(arch.Name);

    public string OutputDirectory(string arch) => Path.Combine(ToolsDirectory, arch);

    public string PartsDirectory(ToolArchitecture arch) => Path.Combine(BuildDirectory, "parts", arch.Name);

    public string PartDirectory(ToolArchitecture arch, string tool) => Path.Combine(PartsDirectory(arch), tool);

    /// <summary>The self-contained program of each arch, one folder per arch.</summary>
    public string PublishDirectory => Path.Combine(BuildDirectory, "publish", "sysreport");

    /// <summary>Where the next release is assembled; it replaces <see cref="DistDirectory"/> only once complete.</summary>
    public string DistStagingDirectory(string runId) => Path.Combine(BuildDirectory, $"dist-staging-{runId}");

    public string DistDirectory => Path.Combine(RootDirectory, "dist");

    public string TrustedKeysDirectory => Path.Combine(RootDirectory, TrustedKeysFolder);

    public string DefaultToolsCacheDirectory => Path.Combine(RootDirectory, DefaultToolsCacheFolder);

    public string ProductProjectFile => Path.Combine(ProductDirectory, "SysReport.csproj");

    /// <summary>The script each archive starts the program with.</summary>
    public string LauncherFile => Path.Combine(ProductDirectory, "launcher", "sysreport");

    public string LicenceFile => Path.Combine(RootDirectory, "LICENSE");

    /// <summary>The folders whose projects' <c>bin/</c> and <c>obj/</c> the Clean target removes.</summary>
    public IReadOnlyList<string> ProjectFolders => [Path.Combine(RootDirectory, "src"), Path.Combine(RootDirectory, "tests"), Path.Combine(RootDirectory, "bench")];

    public string SolutionFile => Path.Combine(RootDirectory, "Kiln.slnx");

    public string TemporaryDirectory => Path.Combine(RootDirectory, ".nuke", "temp");

    public string TestResultsDirectory => Path.Combine(RootDirectory, TestResultsFolder);

    public string DockerLogFile => Path.Combine(TemporaryDirectory, "dockerd.log");

    /// <summary>The digests of recipes that passed schema validation, so unchanged recipes are not validated again.</summary>
    public string RecipesValidatedFile => Path.Combine(TemporaryDirectory, "recipes.validated");

    public string ToolchainMemoFile => Path.Combine(TemporaryDirectory, "toolchain.memo.json");

    /// <summary>The builder image's package listing, remembered against its image id.</summary>
    public string BuilderImagePackagesFile => Path.Combine(TemporaryDirectory, "builder-image.packages.json");

    public string StatCacheFile => Path.Combine(TemporaryDirectory, "tools.statcache");

    public string LogDirectory(ToolArchitecture arch) => Path.Combine(TemporaryDirectory, "tools", arch.Name);

    public string LogFile(ToolArchitecture arch, ToolRecipe recipe) => Path.Combine(LogDirectory(arch), recipe.Name + ".log");

    private string ProductDirectory => Path.Combine(RootDirectory, "src", "SysReport");
}
