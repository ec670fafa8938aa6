using System.Runtime.InteropServices;
using System.Text;

namespace Kiln.Caching;

/// <summary>
/// An exclusive <c>flock(2)</c> on a lock file. The kernel drops it when the holder exits or is killed, so a crashed
/// build never blocks another. Acquiring polls without blocking, so waiting is bounded by the timeout.
/// </summary>
internal sealed class KeyLock : IDisposable
{
    private const int ReadOnly = 0;
    private const int ReadWrite = 2;
    private const int Create = 0x40;
    private const int CloseOnExec = 0x80000;
    private const int Exclusive = 2;
    private const int NonBlocking = 4;
    private const int NotPermitted = 1;
    private const int PermissionDenied = 13;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(5);
    private int _descriptor;

    private KeyLock(int descriptor) => _descriptor = descriptor;

    /// <summary>Takes the lock, or null when another process still holds it after <paramref name="timeout"/>.</summary>
    public static KeyLock? TryAcquire(string path, TimeSpan timeout)
    {
        var descriptor = Open(path, ReadWrite | Create | CloseOnExec, 0b110_100_100);
        if (descriptor < 0)
            throw OpenFailure(path, Marshal.GetLastPInvokeError());
        var deadline = DateTime.UtcNow + timeout;
        while (Flock(descriptor, Exclusive | NonBlocking) != 0)
        {
            if (DateTime.UtcNow >= deadline)
            {
                Close(descriptor);
                return null;
            }

            Thread.Sleep(PollInterval);
        }

        return new KeyLock(descriptor);
    }

    /// <summary>
    /// Replaces the lock file's content with a note on the holder (e.g. its PID) for whoever is refused the lock.
    /// Written only while the lock is held, so one holder never truncates another's note.
    /// </summary>
    public void DescribeHolder(string holder)
    {
        var bytes = Encoding.UTF8.GetBytes(holder);
        if (Truncate(_descriptor, 0) != 0 || WriteAt(_descriptor, bytes, (nuint)bytes.Length, 0) != bytes.Length)
            throw new IOException($"Cannot write to the lock file: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}.");
    }

    /// <summary>
    /// The holder's note in the lock file at <paramref name="path"/> (empty when there is none). Read through a plain
    /// descriptor: .NET's file streams take a shared flock of their own, which the holder's exclusive one refuses.
    /// </summary>
    public static string ReadHolder(string path)
    {
        var descriptor = Open(path, ReadOnly | CloseOnExec, 0);
        if (descriptor < 0)
            return "";
        try
        {
            var buffer = new byte[256];
            var length = Read(descriptor, buffer, (nuint)buffer.Length);
            return length > 0 ? Encoding.UTF8.GetString(buffer, 0, (int)length) : "";
        }
        finally
        {
            Close(descriptor);
        }
    }

    /// <summary>Shaped like .NET's own file errors, so callers tell a refused write from a damaged store the same way.</summary>
    private static Exception OpenFailure(string path, int errno)
    {
        var message = $"Cannot open the lock file '{path}': {Marshal.GetPInvokeErrorMessage(errno)}.";
        return errno is PermissionDenied or NotPermitted ? new UnauthorizedAccessException(message) : new IOException(message, errno);
    }

    public void Dispose()
    {
        var descriptor = Interlocked.Exchange(ref _descriptor, -1);
        if (descriptor >= 0)
            Close(descriptor);
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, int mode);

    [DllImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static extern int Flock(int descriptor, int operation);

    [DllImport("libc", EntryPoint = "ftruncate", SetLastError = true)]
    private static extern int Truncate(int descriptor, long length);

    [DllImport("libc", EntryPoint = "pwrite", SetLastError = true)]
    private static extern nint WriteAt(int descriptor, byte[] buffer, nuint count, long offset);

    [DllImport("libc", EntryPoint = "read", SetLastError = true)]
    private static extern nint Read(int descriptor, byte[] buffer, nuint count);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int descriptor);
}
