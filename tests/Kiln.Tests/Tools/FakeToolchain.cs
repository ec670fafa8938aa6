using Kiln.Tools;
using Kiln.Tools.Executors;
using Kiln.Tools.Host;

namespace Kiln.Tests.Tools;

/// <summary>
/// A PATH directory of shell scripts standing in for every command the local executor probes for an arch's toolchain.
/// Each appends its name to a calls file, so a test counts the processes a toolchain key started. The compiler is a
/// symlink to <c>gcc-12</c>, as on Debian, so following links is exercised too.
/// </summary>
internal sealed class FakeToolchain : IDisposable
{
    private readonly ScratchDirectory _scratch = new();
    private readonly string? _originalPath = Environment.GetEnvironmentVariable("PATH");
    private readonly ToolArchitecture _arch;

    public FakeToolchain(ToolArchitecture arch)
    {
        var prefix = arch.ToolPrefix(ToolArchitecture.HostName);
        Compiler = Combine("gcc-12");
        WriteCommand("gcc-12", "gcc (Fake) 12.2.0");
        File.CreateSymbolicLink(Combine(prefix + "gcc"), "gcc-12");
        foreach (var command in new[] { prefix + "ld", "make", "autoreconf", "automake", "libtoolize" })
            WriteCommand(command, command + " (Fake) 1.0");
        _arch = arch;
        WritePackages(kernelHeaders: "6.1.176-1");
        foreach (var file in Directory.EnumerateFileSystemEntries(Bin))
            Age(file);
        Environment.SetEnvironmentVariable("PATH", Bin);
    }

    public string Bin => _scratch.Combine("bin");

    /// <summary>The file the compiler's symlink ends at.</summary>
    public string Compiler { get; }

    public string MemoFile => _scratch.Combine("temp", "toolchain.memo.json");

    public int Calls => File.Exists(CallsFile) ? File.ReadAllLines(CallsFile).Length : 0;

    private string CallsFile => _scratch.Combine("calls");

    public string Combine(string command) => Path.Combine(Bin, command);

    /// <summary>A script printing <paramref name="versionLine"/> for <c>--version</c>; its mtime is now, within the racy margin.</summary>
    public void WriteCommand(string command, string versionLine) =>
        _scratch.Write(Path.Combine("bin", command), $"#!/bin/sh\necho \"$0\" >> '{CallsFile}'\necho '{versionLine}'\n", executable: true);

    /// <summary>
    /// A <c>dpkg-query</c> listing every package the arch's key starts from, installed at version 1.0 except the kernel
    /// headers, in the form <see cref="ToolchainPackages.Query"/> asks for.
    /// </summary>
    public void WritePackages(string kernelHeaders)
    {
        var rows = ToolchainPackages.RootsFor(_arch).Select(package =>
            $"{package}\tamd64\t{(package == HostPrerequisites.KernelHeadersPackage(_arch) ? kernelHeaders : "1.0")}\tinstall ok installed\t\t\t");
        _scratch.Write(Path.Combine("bin", "dpkg-query"), $"#!/bin/sh\necho \"$0\" >> '{CallsFile}'\nprintf '{string.Join("\\n", rows)}\\n'\n", executable: true);
    }

    /// <summary>Moves a file's mtime (a link's own, not its target's) an hour back, well past the racy margin.</summary>
    public static void Age(string path, int hours = 1) => File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddHours(-hours));

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("PATH", _originalPath);
        _scratch.Dispose();
    }
}
