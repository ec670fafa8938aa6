namespace Kiln.Scheduling;

/// <summary>
/// One unit of work for <see cref="JobScheduler"/>. <paramref name="DependsOn"/> names jobs of the same run that must
/// succeed first; <paramref name="RunAsync"/> gets its share of the CPU budget (for <c>make -j</c>) and a token that is
/// cancelled when the run is cancelled or another job fails.
/// </summary>
internal sealed record ScheduledJob(string Id, IReadOnlyList<string> DependsOn, Func<int, CancellationToken, Task> RunAsync);
