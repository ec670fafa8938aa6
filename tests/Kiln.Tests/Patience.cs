namespace Kiln.Tests;

/// <summary>
/// How long a test waits for something another thread or process does before it fails: generous, because a loaded
/// machine is slow, and bounded, because a broken subject must fail the test rather than hang the run.
/// </summary>
internal static class Patience
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    /// <summary>Waits for <paramref name="awaited"/>; past the limit, fails with <paramref name="failure"/>.</summary>
    public static async Task WaitAsync(Task awaited, string failure)
    {
        try
        {
            await awaited.WaitAsync(Limit);
        }
        catch (TimeoutException)
        {
            throw new AssertionException($"{failure} within {Limit.TotalSeconds} s");
        }
    }

    /// <summary>Polls <paramref name="condition"/> until it holds; past the limit, fails with <paramref name="failure"/>.</summary>
    public static async Task UntilAsync(Func<bool> condition, string failure)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            if (waited.Elapsed > Limit)
                throw new AssertionException($"{failure} within {Limit.TotalSeconds} s");
            await Task.Delay(10);
        }
    }
}
