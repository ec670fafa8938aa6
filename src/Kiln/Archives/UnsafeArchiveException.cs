namespace Kiln.Archives;

/// <summary>
/// An archive entry that would write outside the destination (absolute path, <c>..</c>, a link leading out) or
/// create something a tools tree never holds (device, fifo). Nothing of the archive is left behind when it is thrown.
/// </summary>
internal sealed class UnsafeArchiveException(string entryName, string reason)
    : IOException($"Archive entry '{entryName}' refused: {reason}.")
{
    public string EntryName { get; } = entryName;

    public string Reason { get; } = reason;
}
