namespace Kiln.Bench;

/// <summary>Deterministic synthetic trees under the temp dir: a large recipe-like tree and a compiled-tools-like tree.</summary>
internal static class SyntheticTree
{
    /// <summary><paramref name="files"/> files totalling about <paramref name="totalBytes"/>, in 200 directories, incompressible.</summary>
    public static void WriteInputs(string root, int files, long totalBytes)
    {
        var random = new Random(20_000);
        var average = (int)(totalBytes / files);
        var buffer = new byte[average * 2];
        for (var i = 0; i < files; i++)
        {
            var size = random.Next(average / 8, average * 2 - average / 8);
            random.NextBytes(buffer.AsSpan(0, size));
            var path = Path.Combine(root, $"tool-{i % 200:D3}", $"part-{i / 200 % 10}", $"file-{i:D5}.dat");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, buffer.AsSpan(0, size).ToArray());
        }
    }

    /// <summary>
    /// What a tools build leaves: a dozen multi-megabyte binaries that compress about 3:1 like ELF code, symlinked
    /// shared libraries, and a few thousand small text files (man pages, headers, licences).
    /// </summary>
    public static void WriteTools(string root)
    {
        var random = new Random(7);
        var vocabulary = Enumerable.Range(0, 256).Select(_ => RandomBytes(random, 48)).ToArray();
        for (var i = 0; i < 12; i++)
        {
            var binary = new MemoryStream();
            while (binary.Length < 3_500_000)
            {
                binary.Write(vocabulary[random.Next(vocabulary.Length)]);
                binary.Write(RandomBytes(random, 4));
            }

            var path = Path.Combine(root, "bin", $"tool{i}");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, binary.ToArray());
            File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
        }

        Directory.CreateDirectory(Path.Combine(root, "lib"));
        for (var i = 0; i < 6; i++)
        {
            File.WriteAllBytes(Path.Combine(root, "lib", $"libtool{i}.so.1.0"), RandomText(random, 400_000));
            File.CreateSymbolicLink(Path.Combine(root, "lib", $"libtool{i}.so.1"), $"libtool{i}.so.1.0");
            File.CreateSymbolicLink(Path.Combine(root, "lib", $"libtool{i}.so"), $"libtool{i}.so.1");
        }

        for (var i = 0; i < 3000; i++)
        {
            var path = Path.Combine(root, "share", $"doc{i % 30}", $"page-{i}.txt");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, RandomText(random, random.Next(200, 6000)));
        }
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] RandomText(Random random, int length)
    {
        string[] words = ["the", "tool", "option", "kernel", "cpu", "memory", "device", "latency", "report", "--verbose", "\n"];
        var text = new System.Text.StringBuilder(length + 16);
        while (text.Length < length)
            text.Append(words[random.Next(words.Length)]).Append(' ');
        return System.Text.Encoding.ASCII.GetBytes(text.ToString(0, length));
    }
}
