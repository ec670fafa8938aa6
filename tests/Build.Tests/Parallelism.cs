// Three fixtures at a time: each works in its own repository copy, user, container or server port, and much of an
// end-to-end fixture's time is spent waiting on apt, debootstrap, Docker, a package download or a process starting, which
// the others can use. The fixtures that start from nothing go first (their [Order]): the two cold releases, which keep
// both cores busy compiling, and the bare machine, which mostly waits on downloads; the short ones then fill the gaps at
// the end instead of delaying them. Tests within a fixture still run one after another, in their Order.
[assembly: Parallelizable(ParallelScope.Fixtures)]
[assembly: LevelOfParallelism(3)]
