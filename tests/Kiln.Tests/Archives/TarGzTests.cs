using System.Runtime.Versioning;
using System.Text;
using ICSharpCode.SharpZipLib.Tar;
using Kiln.Archives;
using Kiln.Tests.Caching;

namespace Kiln.Tests.Archives;

[UnsupportedOSPlatform("windows")]
public sealed class TarGzTests
{
    private static readonly DateTimeOffset Epoch = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
    private ScratchDirectory _scratch = null!;

    [SetUp]
    public void CreateScratch() => _scratch = new ScratchDirectory();

    [TearDown]
    public void DeleteScratch() => _scratch.Dispose();

    [Test]
    public void Same_tree_packed_in_two_directories_at_different_times_gives_identical_bytes()
    {
        WriteToolsTree("checkout-a");
        WriteToolsTree("checkout-b");
        foreach (var path in Directory.EnumerateFileSystemEntries(_scratch.Combine("checkout-b"), "*", SearchOption.AllDirectories))
        {
            if (new FileInfo(path).LinkTarget is null)
                File.SetLastWriteTimeUtc(path, new DateTime(2031, 5, 6, 7, 8, 9, DateTimeKind.Utc));
        }

        File.SetUnixFileMode(_scratch.Combine("checkout-b", "bin", "fio"), (UnixFileMode)0b111_111_000);
        File.SetUnixFileMode(_scratch.Combine("checkout-b", "share", "README"), (UnixFileMode)0b110_110_000);

        var first = Pack("checkout-a");
        var second = Pack("checkout-b");

        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void Headers_carry_no_owner_time_or_host_detail()
    {
        WriteToolsTree("tree");

        var archive = Pack("tree");

        Assert.That(archive[3], Is.Zero, "gzip flags: no file name, no comment");
        Assert.That(archive[4..8], Is.All.Zero, "gzip mtime");
        Assert.That(archive[9], Is.EqualTo(3), "gzip OS byte");
        var headers = ReadHeaders(archive);
        Assert.That(headers.Select(header => header.Name), Is.EqualTo(new[]
        {
            "bin/", "bin/fio", "bin/fio-link", "lib/", "lib/libaio.so", "lib/libaio.so.1", "share/", "share/README",
        }));
        Assert.That(headers, Has.All.Matches<TarHeader>(header =>
            header.UserId == 0 && header.GroupId == 0 && header.UserName == "" && header.GroupName == ""
            && header.ModTime == Epoch.UtcDateTime));
        var modes = headers.ToDictionary(header => header.Name, header => Convert.ToString(header.Mode, 8));
        Assert.That(modes["bin/"], Is.EqualTo("755"));
        Assert.That(modes["bin/fio"], Is.EqualTo("755"));
        Assert.That(modes["share/README"], Is.EqualTo("644"));
    }

    [Test]
    public void Explicit_entries_under_a_prefix_get_their_parent_directories()
    {
        var readme = _scratch.Write("README", "hello");
        using var output = new MemoryStream();

        TarGz.Pack([ArchiveEntry.File("doc/README", readme, executable: false)], output, Epoch, prefix: "sysreport");

        Assert.That(ReadHeaders(output.ToArray()).Select(header => header.Name),
            Is.EqualTo(new[] { "sysreport/", "sysreport/doc/", "sysreport/doc/README" }));
    }

    [Test]
    public void Extracting_a_packed_tree_restores_contents_executable_bits_and_symlinks()
    {
        WriteToolsTree("tree");
        var destination = _scratch.Combine("restored");

        TarGz.Extract(new MemoryStream(Pack("tree")), destination);

        Assert.That(File.ReadAllText(Path.Combine(destination, "bin", "fio")), Is.EqualTo("#!/bin/sh\necho fio\n"));
        Assert.That(File.GetUnixFileMode(Path.Combine(destination, "bin", "fio")) & UnixFileMode.UserExecute, Is.EqualTo(UnixFileMode.UserExecute));
        Assert.That(File.GetUnixFileMode(Path.Combine(destination, "share", "README")) & UnixFileMode.UserExecute, Is.EqualTo((UnixFileMode)0));
        Assert.That(new FileInfo(Path.Combine(destination, "lib", "libaio.so")).LinkTarget, Is.EqualTo("libaio.so.1"));
        Assert.That(new FileInfo(Path.Combine(destination, "bin", "fio-link")).LinkTarget, Is.EqualTo("../bin/fio"));
    }

    [Test]
    public void Paths_longer_than_a_ustar_name_round_trip_and_stay_deterministic()
    {
        var longPath = string.Join('/', Enumerable.Repeat("a-rather-long-directory-name", 6)) + "/file.txt";
        _scratch.Write(Path.Combine("one", longPath), "deep");
        _scratch.Write(Path.Combine("two", longPath), "deep");
        File.SetLastWriteTimeUtc(_scratch.Combine("two", longPath), new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var destination = _scratch.Combine("restored");

        var first = Pack("one");
        var second = Pack("two");
        TarGz.Extract(new MemoryStream(first), destination);

        Assert.That(second, Is.EqualTo(first));
        Assert.That(File.ReadAllText(Path.Combine(destination, longPath)), Is.EqualTo("deep"));
    }

    [Test]
    public void Every_raw_tar_header_including_long_name_ones_has_no_owner_and_a_fixed_mtime()
    {
        _scratch.Write(Path.Combine("tree", string.Join('/', Enumerable.Repeat("long-directory-name", 8)), "file"), "deep");

        var tar = Decompress(Pack("tree"));
        var headers = 0;
        for (var offset = 0; offset + 512 <= tar.Length && tar[offset] != 0; headers++)
        {
            var header = tar.AsSpan(offset, 512);
            Assert.That(header.Slice(265, 64).ToArray(), Is.All.Zero, "uname and gname");
            Assert.That(Octal(header.Slice(108, 8)) + Octal(header.Slice(116, 8)), Is.Zero, "uid and gid");
            var isLongName = header[156] == TarHeader.LF_GNU_LONGNAME;
            Assert.That(Octal(header.Slice(136, 12)), Is.EqualTo(isLongName ? 0 : Epoch.ToUnixTimeSeconds()), "mtime (GNU long-name headers carry 0)");
            offset += 512 + (int)((Octal(header.Slice(124, 12)) + 511) / 512 * 512);
        }

        Assert.That(headers, Is.GreaterThan(9), "the long path needs an extra long-name header");
    }

    [Test]
    public void Packing_a_tree_holding_a_fifo_fails_naming_it_instead_of_blocking()
    {
        WriteToolsTree("tree");
        var fifo = _scratch.Combine("tree", "share", "pipe");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [fifo])!)
        {
            mkfifo.WaitForExit();
            Assert.That(mkfifo.ExitCode, Is.Zero, "mkfifo made the fifo");
        }

        var error = Assert.Throws<IOException>(() => Pack("tree"));

        Assert.That(error!.Message, Does.Contain(fifo));
    }

    [Test]
    public void Extract_replaces_an_existing_destination()
    {
        WriteToolsTree("tree");
        var destination = _scratch.Combine("restored");
        _scratch.Write("restored/stale-tool", "old");

        TarGz.Extract(new MemoryStream(Pack("tree")), destination);

        Assert.That(File.Exists(Path.Combine(destination, "stale-tool")), Is.False);
        Assert.That(File.Exists(Path.Combine(destination, "bin", "fio")), Is.True);
    }

    [TestCase("../x", TestName = "Extract_refuses_a_dot_dot_path")]
    [TestCase("sub/../../x", TestName = "Extract_refuses_a_dot_dot_inside_a_path")]
    [TestCase("/etc/kiln-escape-absolute", TestName = "Extract_refuses_an_absolute_path_into_etc")]
    public void Extract_refuses_a_file_path_leaving_the_destination(string name)
    {
        var archive = Craft(new CraftedEntry("ok.txt", TarHeader.LF_NORMAL, "fine"), new CraftedEntry(name, TarHeader.LF_NORMAL, "escaped"));

        Assert.Throws<UnsafeArchiveException>(() => TarGz.Extract(new MemoryStream(archive), _scratch.Combine("out", "dest")));

        AssertNothingExtracted();
        Assert.That(File.Exists("/etc/kiln-escape-absolute"), Is.False);
    }

    [TestCase("/", TestName = "Extract_refuses_a_symlink_to_the_root_and_a_file_through_it")]
    [TestCase("../../..", TestName = "Extract_refuses_a_symlink_climbing_out_and_a_file_through_it")]
    public void Extract_refuses_a_symlink_leading_outside(string target)
    {
        var archive = Craft(
            new CraftedEntry("escape", TarHeader.LF_SYMLINK, LinkTarget: target),
            new CraftedEntry("escape/kiln-escape-through-link", TarHeader.LF_NORMAL, "escaped"));

        Assert.Throws<UnsafeArchiveException>(() => TarGz.Extract(new MemoryStream(archive), _scratch.Combine("out", "dest")));

        AssertNothingExtracted();
        Assert.That(File.Exists("/kiln-escape-through-link"), Is.False);
    }

    [Test]
    public void Extract_refuses_a_symlink_that_climbs_out_through_another_symlink()
    {
        // Read lexically, d/l -> s/../.. stays inside; but d/s is d itself, so the link really points above the destination.
        var archive = Craft(
            new CraftedEntry("d/", TarHeader.LF_DIR),
            new CraftedEntry("d/s", TarHeader.LF_SYMLINK, LinkTarget: "."),
            new CraftedEntry("d/l", TarHeader.LF_SYMLINK, LinkTarget: "s/../.."));

        Assert.Throws<UnsafeArchiveException>(() => TarGz.Extract(new MemoryStream(archive), _scratch.Combine("out", "dest")));

        AssertNothingExtracted();
    }

    [Test]
    public void Extract_refuses_a_file_written_below_a_symlink_even_one_pointing_inside()
    {
        var archive = Craft(
            new CraftedEntry("here", TarHeader.LF_SYMLINK, LinkTarget: "."),
            new CraftedEntry("here/sub/x", TarHeader.LF_NORMAL, "through a link"));

        Assert.Throws<UnsafeArchiveException>(() => TarGz.Extract(new MemoryStream(archive), _scratch.Combine("out", "dest")));

        AssertNothingExtracted();
    }

    [TestCase(TarHeader.LF_CHR, TestName = "Extract_refuses_a_character_device")]
    [TestCase(TarHeader.LF_FIFO, TestName = "Extract_refuses_a_fifo")]
    public void Extract_refuses_special_files(byte type)
    {
        var archive = Craft(new CraftedEntry("dev-null", type));

        Assert.Throws<UnsafeArchiveException>(() => TarGz.Extract(new MemoryStream(archive), _scratch.Combine("out", "dest")));

        AssertNothingExtracted();
    }

    [Test]
    public void Extract_refuses_a_hard_link_to_a_path_outside()
    {
        var archive = Craft(new CraftedEntry("passwd", TarHeader.LF_LINK, LinkTarget: "/etc/passwd"));

        Assert.Throws<UnsafeArchiveException>(() => TarGz.Extract(new MemoryStream(archive), _scratch.Combine("out", "dest")));

        AssertNothingExtracted();
    }

    [Test]
    public void A_truncated_archive_is_refused_and_leaves_nothing()
    {
        WriteToolsTree("tree");
        _scratch.Write("tree/share/big", string.Concat(Enumerable.Range(0, 20_000).Select(i => i.ToString("x8"))));
        var archive = Pack("tree");

        Assert.Throws(Is.InstanceOf<IOException>().Or.InstanceOf<InvalidDataException>(),
            () => TarGz.Extract(new MemoryStream(archive[..(archive.Length / 2)]), _scratch.Combine("out", "dest")));

        AssertNothingExtracted();
    }

    [Test]
    public void An_archive_with_a_flipped_byte_is_refused_and_leaves_nothing()
    {
        WriteToolsTree("tree");
        var archive = Pack("tree");
        archive[archive.Length - 12] ^= 0x40;

        Assert.Throws(Is.InstanceOf<IOException>().Or.InstanceOf<InvalidDataException>(),
            () => TarGz.Extract(new MemoryStream(archive), _scratch.Combine("out", "dest")));

        AssertNothingExtracted();
    }

    private void AssertNothingExtracted() =>
        Assert.That(Directory.Exists(_scratch.Combine("out")) ? Directory.EnumerateFileSystemEntries(_scratch.Combine("out")) : [], Is.Empty);

    private void WriteToolsTree(string name)
    {
        _scratch.Write($"{name}/bin/fio", "#!/bin/sh\necho fio\n", executable: true);
        _scratch.Write($"{name}/lib/libaio.so.1", "ELF pretend");
        _scratch.Write($"{name}/share/README", "tools");
        File.CreateSymbolicLink(_scratch.Combine(name, "lib", "libaio.so"), "libaio.so.1");
        File.CreateSymbolicLink(_scratch.Combine(name, "bin", "fio-link"), "../bin/fio");
    }

    private byte[] Pack(string name)
    {
        using var output = new MemoryStream();
        TarGz.PackDirectory(_scratch.Combine(name), output, Epoch);
        return output.ToArray();
    }

    private static List<TarHeader> ReadHeaders(byte[] archive)
    {
        using var gzip = new System.IO.Compression.GZipStream(new MemoryStream(archive), System.IO.Compression.CompressionMode.Decompress);
        using var tar = new TarInputStream(gzip, Encoding.UTF8);
        var headers = new List<TarHeader>();
        while (tar.GetNextEntry() is { } entry)
            headers.Add(entry.TarHeader);
        return headers;
    }

    private static byte[] Decompress(byte[] archive)
    {
        using var gzip = new System.IO.Compression.GZipStream(new MemoryStream(archive), System.IO.Compression.CompressionMode.Decompress);
        using var tar = new MemoryStream();
        gzip.CopyTo(tar);
        return tar.ToArray();
    }

    private static long Octal(ReadOnlySpan<byte> field)
    {
        long value = 0;
        foreach (var digit in field)
        {
            if (digit is >= (byte)'0' and <= (byte)'7')
                value = value * 8 + (digit - '0');
        }

        return value;
    }

    private sealed record CraftedEntry(string Name, byte Type, string Content = "", string LinkTarget = "");

    /// <summary>A hostile archive, written header by header so nothing sanitises the names.</summary>
    private static byte[] Craft(params CraftedEntry[] entries)
    {
        using var output = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarOutputStream(gzip, Encoding.UTF8))
        {
            foreach (var crafted in entries)
            {
                var content = Encoding.UTF8.GetBytes(crafted.Content);
                var header = new TarHeader
                {
                    Name = crafted.Name,
                    TypeFlag = crafted.Type,
                    LinkName = crafted.LinkTarget,
                    Size = content.Length,
                    Mode = 0b110_100_100,
                    ModTime = Epoch.UtcDateTime,
                };
                tar.PutNextEntry(new TarEntry(header));
                tar.Write(content, 0, content.Length);
                tar.CloseEntry();
            }
        }

        return output.ToArray();
    }
}
