using System.Runtime.InteropServices;

namespace Kiln.Caching;

/// <summary>
/// An exclusive <c>flock(2)</c> on a lock file. The kernel drops it when the holder exits or is killed, so a crashed
/// build never blocks another. Acquiring polls without blocking, so waiting is bounded by the timeout.
/// </summary>
internal sealed class KeyLock : IDisposable
{
    private const int ReadWrite = 2;
    private const int Create = 0x40;
    private const int CloseOnExec = 0x80000;
    private const int Exclusive = 2;
    private const int NonBlocking = 4;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(5);
    private int _descriptor;

    private KeyLock(int descriptor) => _descriptor = descriptor;

    /// <summary>Takes the lock, or null when another process still holds it after <paramref name="timeout"/>.</summary>
    public static KeyLock? TryAcquire(string path, TimeSpan timeout)
    {
        var descriptor = Open(path, ReadWrite | Create | CloseOnExec, 0b110_100_100);
        if (descriptor < 0)
            throw new IOException($"Cannot open the lock file '{path}': {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}.");
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

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int descriptor);
}
