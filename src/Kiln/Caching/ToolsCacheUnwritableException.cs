namespace Kiln.Caching;

/// <summary>
/// A save the disk refused: the store's directory is read-only, belongs to another user, or is full. Nothing of the
/// entry is left behind, and restores from the store still work, so the build goes on without saving.
/// </summary>
internal sealed class ToolsCacheUnwritableException(string directory, Exception cause)
    : IOException($"the tools cache directory {directory} cannot be written: {cause.Message}", cause)
{
    // Linux errno values .NET leaves in IOException.HResult when it has no exception type of its own for them.
    private const int NoSpace = 28;
    private const int ReadOnlyFileSystem = 30;
    private const int QuotaExceeded = 122;

    public string Directory { get; } = directory;

    /// <summary>
    /// True when <paramref name="exception"/> says the disk refuses writes (permission, read-only mount, no space or
    /// quota), rather than that the store is damaged: EACCES and EPERM arrive as <see cref="UnauthorizedAccessException"/>.
    /// </summary>
    public static bool IsRefusedWrite(Exception exception) =>
        exception is UnauthorizedAccessException or IOException { HResult: NoSpace or ReadOnlyFileSystem or QuotaExceeded };
}
