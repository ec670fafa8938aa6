using System.Collections.Concurrent;
using System.Reflection;
using NUnit.Framework.Interfaces;

namespace Kiln.Testing;

/// <summary>
/// Watches each running test (and each limited fixture's one-time set-up) against its <see cref="TimeLimitAttribute"/>.
/// Several attributes (assembly, fixture, method) call in for one test; every call is idempotent per test.
/// </summary>
internal static class TimeLimitWatchdog
{
    private static readonly ConcurrentDictionary<string, Timer> Watches = new();

    public static void Enter(ITest test)
    {
        if (test.IsSuite)
        {
            // Only a fixture that declares its own limit bounds its one-time set-up; the set-up ends when its first test starts.
            if (test.Method is null && test.TypeInfo?.Type.GetCustomAttribute<TimeLimitAttribute>() is { } fixtureLimit)
                Watch(test.Id, $"the one-time set-up of {test.FullName}", fixtureLimit.OneTimeSetUpLimit, fixtureLimit.Why);
            return;
        }

        for (var parent = test.Parent; parent is not null; parent = parent.Parent)
            Stop(parent.Id);
        if (LimitOf(test) is { } limit)
            Watch(test.Id, test.FullName, limit.Limit, limit.Why);
    }

    public static void Leave(ITest test) => Stop(test.Id);

    /// <summary>The most specific limit: the method's, else its fixture's, else the assembly's.</summary>
    private static TimeLimitAttribute? LimitOf(ITest test) =>
        test.Method?.MethodInfo.GetCustomAttribute<TimeLimitAttribute>()
        ?? test.TypeInfo?.Type.GetCustomAttribute<TimeLimitAttribute>()
        ?? test.TypeInfo?.Type.Assembly.GetCustomAttribute<TimeLimitAttribute>();

    private static void Watch(string id, string what, TimeSpan limit, string? why) =>
        Watches.GetOrAdd(id, _ => new Timer(_ => Expire(what, limit, why), null, limit, Timeout.InfiniteTimeSpan));

    private static void Stop(string id)
    {
        if (Watches.TryRemove(id, out var timer))
            timer.Dispose();
    }

    private static void Expire(string what, TimeSpan limit, string? why)
    {
        var reason = why is null ? "" : $" ({why})";
        var message = $"HUNG: {what} ran past its time limit of {limit.TotalSeconds:0} s{reason}. "
                      + $"Waiting for: {ProcessTree.DescribeChildren()}";
        Console.Error.WriteLine(message);
        Console.Error.Flush();
        // The children would outlive the host and hold the run's time; end them first, then the host, loudly.
        ProcessTree.KillChildren();
        Environment.FailFast(message);
    }
}
