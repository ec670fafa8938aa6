namespace Build.Tests;

/// <summary>
/// A user like a GitHub runner's: not root, in the group that may use the Docker socket, with an <c>apt-get</c> (and
/// <c>apt</c>) first on PATH that always fails, so a build that needs the host's apt, or root, fails loudly.
/// </summary>
internal sealed class UnprivilegedUser
{
    public const string Name = "kiln-e2e";

    private UnprivilegedUser(string home) => Home = home;

    public string Home { get; }

    private string NoAptDirectory => Path.Combine(Home, "no-apt");

    /// <summary>Creates the user once per machine and hands <paramref name="repository"/> over to it.</summary>
    public static UnprivilegedUser For(RepositoryCopy repository)
    {
        if (Root("id", "-u", Name).ExitCode != 0)
            Check(Root("useradd", "--create-home", "--user-group", Name));
        var socketGroup = Root("stat", "-c", "%G", "/var/run/docker.sock").Output.Trim();
        Check(Root("usermod", "-aG", socketGroup, Name));
        var user = new UnprivilegedUser(Root("sh", "-c", $"getent passwd {Name} | cut -d: -f6").Output.Trim());

        Directory.CreateDirectory(user.NoAptDirectory);
        foreach (var command in new[] { "apt-get", "apt" })
        {
            var fake = Path.Combine(user.NoAptDirectory, command);
            File.WriteAllText(fake, $"#!/bin/sh\necho \"{command}: not usable on this host\" >&2\nexit 100\n");
            Check(Root("chmod", "755", fake));
        }

        // The NuGet sources (and their TLS trust) are the host's; a new user has none of its own.
        var nuget = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "NuGet", "NuGet.Config");
        if (File.Exists(nuget))
        {
            Directory.CreateDirectory(Path.Combine(user.Home, ".nuget", "NuGet"));
            File.Copy(nuget, Path.Combine(user.Home, ".nuget", "NuGet", "NuGet.Config"), overwrite: true);
        }

        Check(Root("chown", "-R", $"{Name}:{Name}", user.Home, repository.Root));
        return user;
    }

    public ProcessResult BuildSh(RepositoryCopy repository, params string[] args) =>
        RepositoryCopy.Run("runuser",
            ["-u", Name, "--", "env", $"HOME={Home}", $"PATH={NoAptDirectory}:{Environment.GetEnvironmentVariable("PATH")}", "./build.sh", .. args],
            repository.Root);

    /// <summary>Stops the user's compiler server (<see cref="CompilerServer"/>), when the user exists.</summary>
    public static void ShutDownCompilerServer()
    {
        if (Root("id", "-u", Name).ExitCode == 0)
            Root("runuser", "-u", Name, "--", "sh", "-c", $"HOME=~{Name} dotnet build-server shutdown --vbcscompiler");
    }

    private static ProcessResult Root(params string[] args) => RepositoryCopy.Run(args[0], args[1..], Path.GetTempPath());

    private static void Check(ProcessResult result) => Assert.That(result.ExitCode, Is.Zero, result.All);
}
