using Kiln.Tools.Executors;
using Kiln.Tools.Recipes;

namespace Kiln.Tools.Building;

/// <summary>
/// The environment every build.sh receives; this is the recipe contract (with <see cref="ToolRecipe.FormatVersion"/>).
/// The working directory is the unpacked source tree (<c>dpkg-source -x</c>, Debian patches applied).
/// <list type="bullet">
/// <item><c>KILN_ARCH</c>: x86_64 or aarch64; <c>KILN_HOST</c>: its GNU triple, for <c>./configure --host</c>.</item>
/// <item><c>CC</c>, <c>AR</c>, <c>RANLIB</c>, <c>STRIP</c>: the (cross) toolchain for KILN_ARCH.</item>
/// <item><c>CFLAGS</c>: optimisation plus <c>-ffile-prefix-map</c> of the sandbox work directory to <c>.</c>, so outputs do not depend on where the build ran.</item>
/// <item><c>KILN_SOURCES</c>: the folder holding this recipe's verified .dsc and tarballs; <c>KILN_WORK</c>: the unpacked source tree.</item>
/// <item><c>KILN_PREFIX</c>: install prefix of build-only static libraries (include/, lib/), shared by the recipes of one arch.</item>
/// <item><c>KILN_OUT</c>: where the recipe installs the binaries it ships (stripped afterwards by the builder).</item>
/// <item><c>KILN_CONFIGURE_FLAGS</c>: the recipe's configureFlags, space separated; <c>JOBS</c>: parallel make jobs;
/// <c>SOURCE_DATE_EPOCH</c>, <c>TZ=UTC</c>, <c>LC_ALL=C</c>: for reproducible output.</item>
/// </list>
/// </summary>
internal static class ToolBuildEnvironment
{
    public const string OptimisationFlags = "-O2";

    public static IReadOnlyDictionary<string, string> For(
        ToolRecipe recipe, ToolArchitecture arch, ToolSandboxLayout paths, int jobs, long sourceDateEpoch)
    {
        var prefix = arch.ToolPrefix(ToolArchitecture.HostName);
        return new Dictionary<string, string>
        {
            ["KILN_ARCH"] = arch.Name,
            ["KILN_HOST"] = arch.GnuTriple,
            ["CC"] = prefix + "gcc",
            ["AR"] = prefix + "ar",
            ["RANLIB"] = prefix + "ranlib",
            ["STRIP"] = prefix + "strip",
            ["CFLAGS"] = $"{OptimisationFlags} -ffile-prefix-map={paths.Work}=.",
            ["KILN_SOURCES"] = paths.Sources(recipe),
            ["KILN_WORK"] = paths.SourceTree(recipe),
            ["KILN_PREFIX"] = paths.Prefix,
            ["KILN_OUT"] = paths.BinaryOutput,
            ["KILN_CONFIGURE_FLAGS"] = string.Join(' ', recipe.ConfigureFlags),
            ["JOBS"] = jobs.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["SOURCE_DATE_EPOCH"] = sourceDateEpoch.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["TZ"] = "UTC",
            ["LC_ALL"] = "C",
        };
    }

    /// <summary>
    /// The environment as a tool's cache key sees it: sandbox-neutral paths, and no <c>JOBS</c>, since how many make
    /// jobs ran does not change the output. Changing a shared flag here changes every tool's key.
    /// </summary>
    public static string Describe(ToolRecipe recipe, ToolArchitecture arch, long sourceDateEpoch) =>
        string.Join('\n', For(recipe, arch, new ToolSandboxLayout("/recipes", "/sources", "/work"), 1, sourceDateEpoch)
            .Where(variable => variable.Key != "JOBS")
            .OrderBy(variable => variable.Key, StringComparer.Ordinal)
            .Select(variable => $"{variable.Key}={variable.Value}"));
}
