using NUnit.Framework.Interfaces;

namespace Kiln.Testing;

/// <summary>
/// How long a test may run before it counts as hung. On the assembly it is the default for every test; on a fixture it is
/// the default for the fixture's tests and also bounds its one-time set-up (<see cref="OneTimeSetUpSeconds"/>, when
/// that differs); on a test method it overrides both. A limit above the assembly default says why (<see cref="Why"/>),
/// so a slow test is a decision someone wrote down. A fixture without one has its set-up bounded only by the harness's
/// backstop (<c>--blame-hang-timeout</c>).
/// </summary>
/// <remarks>
/// .NET cannot abort a running thread, so NUnit's own Timeout leaves a hung test (and the process it waits for) running.
/// A hung test instead ends the test host with a message naming the test and what it was waiting for; the harness
/// (<c>./build.sh Test</c>) turns the crashed host into a failure naming the project and that test.
/// </remarks>
[AttributeUsage(AttributeTargets.Assembly | AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
internal sealed class TimeLimitAttribute(int seconds) : Attribute, ITestAction
{
    public TimeSpan Limit { get; } = TimeSpan.FromSeconds(seconds);

    /// <summary>On a fixture: how long its one-time set-up may take, when that is not <see cref="Limit"/>.</summary>
    public int OneTimeSetUpSeconds { get; init; }

    public TimeSpan OneTimeSetUpLimit => OneTimeSetUpSeconds > 0 ? TimeSpan.FromSeconds(OneTimeSetUpSeconds) : Limit;

    /// <summary>Why this test (or fixture's set-up) needs more than the assembly's default.</summary>
    public string? Why { get; init; }

    public ActionTargets Targets => ActionTargets.Test | ActionTargets.Suite;

    public void BeforeTest(ITest test) => TimeLimitWatchdog.Enter(test);

    public void AfterTest(ITest test) => TimeLimitWatchdog.Leave(test);
}
