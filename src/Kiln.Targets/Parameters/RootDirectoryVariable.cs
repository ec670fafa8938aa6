namespace Kiln.Targets.Parameters;

/// <summary>
/// Where build.sh says the checkout is, so the build finds it from any working directory. It lives with the parameters
/// because they must not read it as one, and the host and the IDE files, which set and read it, both depend on them.
/// </summary>
internal static class RootDirectoryVariable
{
    public const string Name = "KILN_ROOT_DIRECTORY";
}
