using System.Globalization;
using Kiln.Caching;
using Kiln.Targets.Foundation;
using Kiln.Tools;

namespace Kiln.Pipeline;

/// <summary>
/// One build at a time in a checkout: two would write the same <c>.build/</c> folders (sources, tools, staging) under
/// each other. An exclusive flock on <c>.build/.lock</c>, refused at once rather than waited for, since the other build
/// may run for minutes; the kernel drops it when the holder exits, so a killed build never blocks the next one.
/// </summary>
internal sealed class CheckoutLock : IDisposable
{
    private const string FileName = ".lock";

    private readonly KeyLock _lock;

    private CheckoutLock(KeyLock held) => _lock = held;

    /// <summary>Takes the lock of the checkout at <paramref name="layout"/>, or fails naming the build that holds it.</summary>
    public static CheckoutLock Acquire(CheckoutLayout layout)
    {
        Directory.CreateDirectory(layout.BuildDirectory);
        var path = Path.Combine(layout.BuildDirectory, FileName);
        var held = KeyLock.TryAcquire(path, TimeSpan.Zero) ?? throw new BuildException(
            $"another build is running in {layout.RootDirectory} ({Holder(path)} holds {path}); "
            + "wait for it to finish or run the second build from another checkout");
        held.DescribeHolder(Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        return new CheckoutLock(held);
    }

    public void Dispose() => _lock.Dispose();

    /// <summary>The holder's PID once it has written it; in the instant after taking the lock the file is empty or names the previous holder.</summary>
    private static string Holder(string path) =>
        int.TryParse(KeyLock.ReadHolder(path), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? $"process {pid}" : "it";
}
