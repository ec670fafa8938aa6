namespace Build.Tests;

/// <summary>
/// One warm Roslyn compiler server for every compile the run's end-to-end builds make, whatever the machine's default
/// (<c>UseSharedCompilation=false</c> in some CI images): like the compiled build project, the JIT-compiled compiler is made
/// once per run and shared, which halves the CPU of a publish in a new copy. The compiled bytes do not depend on it
/// (deterministic compilation). The run shuts the servers down after its last fixture, since it started them.
/// </summary>
internal static class CompilerServer
{
    /// <summary>The MSBuild property, read from the environment, that sends each compile to the server.</summary>
    public const string Variable = "UseSharedCompilation";

    public static void ShareWith(System.Diagnostics.ProcessStartInfo info) => info.Environment[Variable] = "true";

    /// <summary>Stops the servers the run's builds started, for root and for the unprivileged user; none running is fine.</summary>
    public static void ShutDown()
    {
        RepositoryCopy.Run("dotnet", ["build-server", "shutdown", "--vbcscompiler"], Path.GetTempPath());
        UnprivilegedUser.ShutDownCompilerServer();
    }
}
