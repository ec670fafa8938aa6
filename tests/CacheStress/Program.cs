using Kiln.Caching;
using Kiln.Targets.Fingerprints;

// Modes (arch is always x86_64, keys are RoundInputs(n).Key):
//   race <store> <rounds> <source> <other-source>   save then restore round keys 0..rounds-1; every restore must be a
//                                                   hit whose tree equals <source> or <other-source> exactly
//   read <store> <rounds> <source> <other-source> <stop-file>
//                                                   restores the newest round keys until <stop-file> exists; a
//                                                   corrupt result or a tree matching neither source fails
//   save <store> <round> <source>                   one save (the test kills it midway)
//   hold-lock <store> <round>                       takes the key's lock, says "locked", then sleeps until killed
const string Arch = "x86_64";
try
{
    switch (args)
    {
        case ["race", var store, var rounds, var source, var otherSource]:
            return await RaceAsync(new ToolsCacheStore(store), int.Parse(rounds), source, otherSource);
        case ["read", var store, var rounds, var source, var otherSource, var stopFile]:
            return await ReadAsync(new ToolsCacheStore(store), int.Parse(rounds), source, otherSource, stopFile);
        case ["save", var store, var round, var source]:
            var inputs = RoundInputs(int.Parse(round));
            await new ToolsCacheStore(store).SaveAsync(Arch, inputs.Key, inputs, source);
            return 0;
        case ["hold-lock", var store, var round]:
            using (new ToolsCacheStore(store).AcquireLock(Arch, RoundInputs(int.Parse(round)).Key))
            {
                Console.WriteLine("locked");
                Thread.Sleep(Timeout.Infinite);
            }

            return 0;
        default:
            Console.Error.WriteLine("usage: CacheStress race|save|hold-lock ...");
            return 2;
    }
}
catch (Exception exception)
{
    Console.Error.WriteLine(exception);
    return 1;
}

static async Task<int> RaceAsync(ToolsCacheStore store, int rounds, string source, string otherSource)
{
    var scratch = Path.Combine(Path.GetTempPath(), "kiln-cachestress-" + Guid.NewGuid().ToString("N")[..12]);
    try
    {
        for (var round = 0; round < rounds; round++)
        {
            var inputs = RoundInputs(round);
            await store.SaveAsync(Arch, inputs.Key, inputs, source, new Dictionary<string, string> { ["writer"] = source });
            foreach (var key in new[] { inputs.Key, RoundInputs(Math.Max(0, round - 1)).Key })
            {
                var destination = Path.Combine(scratch, $"round-{round}");
                var result = await store.TryRestoreAsync(Arch, key, destination);
                if (!result.IsHit)
                    throw new InvalidOperationException($"round {round}: {result.Outcome}: {result.Reason}");
                if (!TreeEquals(destination, source) && !TreeEquals(destination, otherSource))
                    throw new InvalidOperationException($"round {round}: the restored tree matches neither source");
                Directory.Delete(destination, recursive: true);
            }

            Console.WriteLine($"round {round} verified");
        }

        return 0;
    }
    finally
    {
        if (Directory.Exists(scratch))
            Directory.Delete(scratch, recursive: true);
    }
}

static async Task<int> ReadAsync(ToolsCacheStore store, int rounds, string source, string otherSource, string stopFile)
{
    var destination = Path.Combine(Path.GetTempPath(), "kiln-cachestress-" + Guid.NewGuid().ToString("N")[..12]);
    var verified = 0;
    try
    {
        while (!File.Exists(stopFile))
        {
            // The two newest rounds are the ones being published right now: where a torn entry would show.
            var newest = Enumerable.Range(0, rounds).LastOrDefault(round => File.Exists(store.MetadataPath(Arch, RoundInputs(round).Key)));
            for (var round = newest; round >= Math.Max(0, newest - 1); round--)
            {
                var result = await store.TryRestoreAsync(Arch, RoundInputs(round).Key, destination);
                if (result.Outcome == ToolsCacheOutcome.Corrupt)
                    throw new InvalidOperationException($"round {round}: {result.Reason}");
                if (!result.IsHit)
                    continue;
                if (!TreeEquals(destination, source) && !TreeEquals(destination, otherSource))
                    throw new InvalidOperationException($"round {round}: the restored tree matches neither source");
                verified++;
            }
        }

        Console.WriteLine($"{verified} restores verified");
        return 0;
    }
    finally
    {
        if (Directory.Exists(destination))
            Directory.Delete(destination, recursive: true);
    }
}

static FingerprintInputs RoundInputs(int round) =>
    new(new Dictionary<string, string> { ["round"] = round.ToString(System.Globalization.CultureInfo.InvariantCulture) }, new Dictionary<string, FileDigest>());

static bool TreeEquals(string actual, string expected)
{
    static List<string> Files(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Select(path => Path.GetRelativePath(root, path)).Order(StringComparer.Ordinal).ToList();

    var files = Files(expected);
    return files.SequenceEqual(Files(actual))
        && files.All(file => File.ReadAllBytes(Path.Combine(actual, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(expected, file))));
}
