using SysReport.Install;

namespace SysReport.Tests.Support;

/// <summary>An unpacked release whose tools are shell scripts replaying recorded outputs.</summary>
internal sealed class FakeInstall : IDisposable
{
    private readonly TempDirectory _root = new();

    public FakeInstall(string arch = "x86_64") => Layout = new InstallLayout(_root.Path, arch);

    public InstallLayout Layout { get; }

    public string Root => _root.Path;

    /// <summary>A tool that prints a fixture on stdout and exits with the given code.</summary>
    public FakeInstall WithToolPrinting(string tool, string fixture, int exitCode = 0) =>
        WithTool(tool, $"cat '{Fixtures.PathOf(fixture)}'\nexit {exitCode}");

    public FakeInstall WithTool(string tool, string script)
    {
        var path = Layout.ToolPath(tool);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "#!/bin/sh\n" + script + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
        return this;
    }

    /// <summary>Replays the recorded outputs of this machine for numactl, lspci and ethtool.</summary>
    public FakeInstall WithRecordedTools() =>
        WithToolPrinting("numactl", "numactl-hardware-2node.txt")
            .WithToolPrinting("lspci", "lspci-mm-server.txt")
            .WithToolPrinting("ethtool", "ethtool-25g-nonroot.txt");

    public FakeInstall WithManifest(string json)
    {
        File.WriteAllText(Layout.ManifestPath, json);
        return this;
    }

    public void Dispose() => _root.Dispose();
}
