using System.Runtime.InteropServices;
using System.Text;

namespace Kiln.Targets.Fingerprints;

/// <summary>
/// What <c>lstat</c> says about a file, with nanosecond times and the inode, which <see cref="FileInfo"/> does not give.
/// Read with <c>statx(2)</c> because its layout is the same on every Linux architecture, unlike <c>struct stat</c>.
/// </summary>
public readonly record struct FileStat(long Size, long ModifiedNs, long ChangedNs, ulong Inode, uint Mode)
{
    private const uint TypeMask = 0xF000;
    private const uint RegularType = 0x8000;
    private const uint SymlinkType = 0xA000;
    private const uint DirectoryType = 0x4000;
    private const uint AnyExecute = 0b001_001_001;

    public bool IsRegularFile => (Mode & TypeMask) == RegularType;

    public bool IsSymlink => (Mode & TypeMask) == SymlinkType;

    public bool IsDirectory => (Mode & TypeMask) == DirectoryType;

    public bool IsExecutable => (Mode & AnyExecute) != 0;

    /// <summary>Reads the file's own status (a symlink is not followed).</summary>
    public static FileStat Read(string path)
    {
        var buffer = default(StatxBuffer);
        var bytes = Encoding.UTF8.GetBytes(path + "\0");
        if (Statx(CurrentDirectory, bytes, SymlinkNoFollow, BasicStats, ref buffer) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException($"Cannot read the status of '{path}': {Marshal.GetPInvokeErrorMessage(errno)}.");
        }

        return new FileStat(
            (long)buffer.Size,
            buffer.ModifiedSeconds * 1_000_000_000 + buffer.ModifiedNanoseconds,
            buffer.ChangedSeconds * 1_000_000_000 + buffer.ChangedNanoseconds,
            buffer.Inode,
            buffer.Mode);
    }

    private const int CurrentDirectory = -100;
    private const int SymlinkNoFollow = 0x100;
    private const uint BasicStats = 0x7ff;

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int directoryFd, byte[] path, int flags, uint mask, ref StatxBuffer buffer);

    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct StatxBuffer
    {
        [FieldOffset(28)] public ushort Mode;
        [FieldOffset(32)] public ulong Inode;
        [FieldOffset(40)] public ulong Size;
        [FieldOffset(96)] public long ChangedSeconds;
        [FieldOffset(104)] public uint ChangedNanoseconds;
        [FieldOffset(112)] public long ModifiedSeconds;
        [FieldOffset(120)] public uint ModifiedNanoseconds;
    }
}
