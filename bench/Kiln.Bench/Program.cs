using Kiln.Archives;
using Kiln.Bench;
using Kiln.Caching;
using Kiln.Targets.Fingerprints;
using static Kiln.Bench.Measure;

[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

// Usage: Kiln.Bench [fingerprint|archive|all] [--files N] [--bytes B] [--runs R]
//        Kiln.Bench dist DIST_DIR [--runs R]
//        Kiln.Bench docker [--pairs N]
// Prints a markdown table per scenario; synthetic trees live under the temp dir and are deleted at the end.
var scenario = args.FirstOrDefault(arg => !arg.StartsWith("--")) ?? "all";
var files = Option("--files", 20_000);
var bytes = Option("--bytes", 1L << 30);
var runs = (int)Option("--runs", 5);
var scratch = Path.Combine(Path.GetTempPath(), "kiln-bench-" + Guid.NewGuid().ToString("N")[..12]);
Directory.CreateDirectory(scratch);
try
{
    Console.WriteLine($"# Kiln.Bench {scenario}: {Environment.ProcessorCount} cores, {runs} runs each, medians");
    if (scenario is "fingerprint" or "all")
        BenchFingerprint(Path.Combine(scratch, "fingerprint"), (int)files, bytes, runs);
    if (scenario is "archive" or "all")
        BenchArchive(Path.Combine(scratch, "archive"), runs);
    if (scenario is "docker")
        DockerRunBench.Run((int)Option("--pairs", 30));
    if (scenario is "dist")
        DistPackBench.Run(args.SkipWhile(arg => arg != "dist").Skip(1).First(), scratch, runs);
    return 0;
}
finally
{
    Directory.Delete(scratch, recursive: true);
}

long Option(string name, long fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? long.Parse(args[index + 1]) : fallback;
}

static void BenchFingerprint(string root, int files, long bytes, int runs)
{
    var tree = Path.Combine(root, "tools");
    SyntheticTree.WriteInputs(tree, files, bytes);
    var total = Directory.EnumerateFiles(tree, "*", SearchOption.AllDirectories).Sum(path => new FileInfo(path).Length);
    var named = new Dictionary<string, string> { ["arch"] = "x86_64" };
    var statCache = Path.Combine(root, "tools.statcache");
    var peer = $"cd {Quote(tree)} && find . -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum";

    // Files written less than the racy margin ago are never trusted from the stat cache; let the tree age first.
    Thread.Sleep((int)(StatCache.RacyMarginNs / 1_000_000) + 500);
    Shell(peer);
    var cold = Median(runs, () => Fingerprinter.Compute(tree, named));
    var sha256sum = Median(runs, () => Shell(peer));
    Fingerprinter.Compute(tree, named, statCache);
    var warm = Median(runs, () => Fingerprinter.Compute(tree, named, statCache));
    File.AppendAllText(Path.Combine(tree, "tool-000", "part-0", "file-00000.dat"), "one more line");
    var oneChanged = Median(1, () => Fingerprinter.Compute(tree, named, statCache));

    var megabytes = total / 1e6;
    Console.WriteLine();
    Console.WriteLine($"## Fingerprint: {files} files, {megabytes:0} MB (page cache warm for both)");
    Console.WriteLine();
    Console.WriteLine("| what | time | throughput |");
    Console.WriteLine("|---|---|---|");
    Console.WriteLine($"| Kiln cold (no stat cache, parallel SHA-256) | {Ms(cold)} | {megabytes / cold.TotalSeconds:0} MB/s |");
    Console.WriteLine($"| `find \\| sort \\| xargs sha256sum \\| sha256sum` | {Ms(sha256sum)} | {megabytes / sha256sum.TotalSeconds:0} MB/s |");
    Console.WriteLine($"| Kiln warm (stat cache, nothing changed) | {Ms(warm)} | |");
    Console.WriteLine($"| Kiln warm, one file changed | {Ms(oneChanged)} | |");
    Console.WriteLine();
    Console.WriteLine($"cold vs sha256sum: {sha256sum / cold:0.00}x as fast");
}

static void BenchArchive(string root, int runs)
{
    var tools = Path.Combine(root, "tools");
    SyntheticTree.WriteTools(tools);
    var total = Directory.EnumerateFiles(tools, "*", SearchOption.AllDirectories).Sum(path => new FileInfo(path).Length);
    var ours = Path.Combine(root, "kiln.tgz");
    var gnu = Path.Combine(root, "gnu.tgz");
    var gnuPack = $"tar --sort=name -czf {Quote(gnu)} -C {Quote(tools)} .";

    var kilnPack = Median(runs, () =>
    {
        using var output = new FileStream(ours, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
        var buffered = new BufferedStream(output, 1024 * 1024);
        TarGz.PackDirectory(tools, buffered, DateTimeOffset.UnixEpoch);
        buffered.Flush();
    });
    var tarPack = Median(runs, () => Shell(gnuPack));

    var kilnTarget = Path.Combine(root, "kiln-out");
    var tarTarget = Path.Combine(root, "tar-out");
    var kilnExtract = Median(runs, () =>
    {
        using var input = new FileStream(ours, FileMode.Open, FileAccess.Read, FileShare.Read, 1024 * 1024);
        TarGz.Extract(input, kilnTarget);
    }, () => DeleteDirectory(kilnTarget));
    var tarExtract = Median(runs, () => Shell($"mkdir -p {Quote(tarTarget)} && tar -xzf {Quote(gnu)} -C {Quote(tarTarget)}"), () => DeleteDirectory(tarTarget));
    var identical = Shell($"diff -r --no-dereference {Quote(kilnTarget)} {Quote(tools)} && echo same").Trim();

    // Why gzip is the BCL's zlib and not SharpZipLib's managed deflater: the same tar, compressed three ways.
    var plainTar = Path.Combine(root, "plain.tar");
    Shell($"tar --sort=name -cf {Quote(plainTar)} -C {Quote(tools)} .");
    var tarBytes = File.ReadAllBytes(plainTar);
    var sharpZipLibGzip = Median(runs, () => Compress(tarBytes, output => new ICSharpCode.SharpZipLib.GZip.GZipOutputStream(output) { IsStreamOwner = false }));
    var zlibGzip = Median(runs, () => Compress(tarBytes, output => new System.IO.Compression.GZipStream(output, new System.IO.Compression.ZLibCompressionOptions { CompressionLevel = 6 }, leaveOpen: true)));
    var gnuGzip = Median(runs, () => Shell($"gzip -6 -c {Quote(plainTar)} > /dev/null"));

    var store = new ToolsCacheStore(Path.Combine(root, "tools-cache"));
    var inputs = new FingerprintInputs(new Dictionary<string, string> { ["arch"] = "x86_64" }, new Dictionary<string, FileDigest>());
    var save = Median(1, () => store.SaveAsync("x86_64", inputs.Key, inputs, tools).GetAwaiter().GetResult());
    var restoreTarget = Path.Combine(root, "restored");
    var restore = Median(runs, () =>
    {
        if (!store.TryRestoreAsync("x86_64", inputs.Key, restoreTarget).GetAwaiter().GetResult().IsHit)
            throw new InvalidOperationException("the benchmark's own entry was not a hit");
    }, () => DeleteDirectory(restoreTarget));

    Console.WriteLine();
    Console.WriteLine($"## Archive: tools-like tree, {Directory.EnumerateFileSystemEntries(tools, "*", SearchOption.AllDirectories).Count()} entries, {total / 1e6:0.0} MB");
    Console.WriteLine();
    Console.WriteLine("| what | Kiln (SharpZipLib tar + zlib level 6) | GNU tar + gzip | ratio |");
    Console.WriteLine("|---|---|---|---|");
    Console.WriteLine($"| pack (`tar --sort=name -czf`) | {Ms(kilnPack)} | {Ms(tarPack)} | {kilnPack / tarPack:0.00}x |");
    Console.WriteLine($"| extract (`tar -xzf`) | {Ms(kilnExtract)} | {Ms(tarExtract)} | {kilnExtract / tarExtract:0.00}x |");
    Console.WriteLine($"| gzip alone, BCL zlib (what Kiln uses) vs `gzip -6` | {Ms(zlibGzip)} | {Ms(gnuGzip)} | {zlibGzip / gnuGzip:0.00}x |");
    Console.WriteLine($"| gzip alone, SharpZipLib GZipOutputStream (level 6) vs `gzip -6` | {Ms(sharpZipLibGzip)} | {Ms(gnuGzip)} | {sharpZipLibGzip / gnuGzip:0.00}x |");
    Console.WriteLine($"| archive size | {new FileInfo(ours).Length / 1e6:0.0} MB | {new FileInfo(gnu).Length / 1e6:0.0} MB | |");
    Console.WriteLine();
    Console.WriteLine($"Kiln extraction equals the source tree: {identical}.");
    Console.WriteLine($"ToolsCacheStore: save (pack + fsync + publish) {Ms(save)}; restore (SHA-256 verify + extract + rename) {Ms(restore)}.");
}

static void Compress(byte[] bytes, Func<Stream, Stream> gzip)
{
    using var output = new MemoryStream();
    using var compressor = gzip(output);
    compressor.Write(bytes);
}

static void DeleteDirectory(string path)
{
    if (Directory.Exists(path))
        Directory.Delete(path, recursive: true);
}
