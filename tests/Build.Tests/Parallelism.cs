// Two fixtures at a time: each works in its own repository copy, user, container or server port, and much of an end-to-end
// fixture's time is spent waiting on apt, debootstrap, Docker or a process starting, which the other fixture can use.
// The three fixtures that compile from nothing start first (their [Order]), so the short ones fill the gaps at the end
// instead of delaying them. Tests within a fixture still run one after another, in their Order.
[assembly: Parallelizable(ParallelScope.Fixtures)]
[assembly: LevelOfParallelism(2)]
