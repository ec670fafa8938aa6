using Kiln.Tools;

namespace Build.Tests;

/// <summary>What every built tool must pass: the right ELF machine, and it runs (aarch64 under qemu-aarch64-static).</summary>
internal static class ToolBinaryChecks
{
    /// <summary>The command that proves each shipped binary runs, and what its output must contain.</summary>
    private static readonly (string Binary, string[] Arguments, string Expected)[] Probes =
    [
        ("fio", ["--version"], "fio-3.33"),
        ("ethtool", ["--version"], "ethtool version 6.1"),
        ("lspci", ["--version"], "lspci version 3.9.0"),
        ("stress", ["--version"], "stress 1.0.7"),
        // Under qemu-user numactl prints its CPU binding, then exits 1 with "No NUMA support available".
        ("numactl", ["--show"], "physcpubind:"),
    ];

    public static IEnumerable<string> Binaries => Probes.Select(p => p.Binary);

    /// <param name="only">The binaries to check, when the build was asked for some tools only; every shipped one by default.</param>
    public static void AssertRuns(string binDirectory, string arch, IReadOnlyCollection<string>? only = null)
    {
        var machine = arch == "x86_64" ? ElfHeader.MachineX86_64 : ElfHeader.MachineAarch64;
        var probes = Probes.Where(probe => only is null || only.Contains(probe.Binary)).ToList();
        Assert.That(probes, Has.Count.EqualTo(only?.Count ?? Probes.Length), "a binary asked for has no probe");
        Assert.Multiple(() =>
        {
            foreach (var (binary, arguments, expected) in probes)
            {
                var path = Path.Combine(binDirectory, binary);
                Assert.That(ElfHeader.Read(path)?.Machine, Is.EqualTo(machine), $"{arch} {binary}: ELF machine");
                var result = Run(path, arch, arguments);
                Assert.That(result.All, Does.Contain(expected), $"{arch} {binary} {string.Join(' ', arguments)} exited {result.ExitCode}");
            }

            if (probes.Any(probe => probe.Binary == "fio"))
            {
                var engines = Run(Path.Combine(binDirectory, "fio"), arch, ["--enghelp"]);
                Assert.That(engines.Output, Does.Contain("libaio"), $"{arch} fio --enghelp lists the libaio engine");
            }
        });
    }

    private static ProcessResult Run(string binary, string arch, string[] arguments) =>
        arch == "x86_64"
            ? RepositoryCopy.Run(binary, arguments, Path.GetDirectoryName(binary)!)
            : RepositoryCopy.Run("qemu-aarch64-static", [binary, .. arguments], Path.GetDirectoryName(binary)!);
}
