namespace Kiln.Tools;

/// <summary>The few ELF header fields that tell which machine a binary is for, read from the file's first bytes.</summary>
internal readonly record struct ElfHeader(bool Is64Bit, bool IsLittleEndian, ushort Machine)
{
    public const ushort MachineX86_64 = 62;
    public const ushort MachineAarch64 = 183;

    /// <summary>Reads the header of <paramref name="file"/>; null when the file is not ELF.</summary>
    public static ElfHeader? Read(string file)
    {
        Span<byte> header = stackalloc byte[20];
        using var stream = File.OpenRead(file);
        if (stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length)
            return null;
        if (header[0] != 0x7f || header[1] != (byte)'E' || header[2] != (byte)'L' || header[3] != (byte)'F')
            return null;

        var littleEndian = header[5] == 1;
        var machine = littleEndian
            ? (ushort)(header[18] | header[19] << 8)
            : (ushort)(header[18] << 8 | header[19]);
        return new ElfHeader(header[4] == 2, littleEndian, machine);
    }
}
