using System.Runtime.InteropServices;

namespace Kiln.Caching;

/// <summary>Publication that survives a crash: content fsynced before the rename, the directory fsynced after it.</summary>
internal static class DurableFile
{
    private const int ReadOnly = 0;
    private const int CloseOnExec = 0x80000;

    public static void WriteAllText(string path, string text)
    {
        var temporary = TemporaryPathFor(path);
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(System.Text.Encoding.UTF8.GetBytes(text));
                stream.Flush(flushToDisk: true);
            }

            Publish(temporary, path);
        }
        finally
        {
            // On a read-only mount even unlinking a name that does not exist is refused (EROFS).
            if (File.Exists(temporary))
                File.Delete(temporary);
        }
    }

    /// <summary>Renames a fully written, fsynced file over <paramref name="path"/> (atomic on one file system).</summary>
    public static void Publish(string temporary, string path)
    {
        File.Move(temporary, path, overwrite: true);
        SyncDirectory(Path.GetDirectoryName(path)!);
    }

    /// <summary>A hidden name in the same directory, so the final rename never crosses file systems.</summary>
    public static string TemporaryPathFor(string path) =>
        Path.Combine(Path.GetDirectoryName(path)!, $".tmp-{Guid.NewGuid():N}-{Path.GetFileName(path)}");

    public static void SyncDirectory(string directory)
    {
        var descriptor = Open(directory, ReadOnly | CloseOnExec);
        if (descriptor < 0)
            return;
        Fsync(descriptor);
        Close(descriptor);
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int Fsync(int descriptor);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int descriptor);
}
