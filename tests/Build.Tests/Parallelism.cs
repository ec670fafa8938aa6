// Four fixtures at a time: each works in its own repository copy, user, container or server port, and much of an
// end-to-end fixture's time is spent waiting on apt, debootstrap, Docker, a package download, a process starting or the
// cold release another fixture makes, which the others can use. The fixtures that start from nothing go first (their
// [Order]): the cold release, which keeps both cores busy compiling, the Docker executor's images, the bare machine, which
// mostly waits on downloads, and the workflow simulation; the tool rebuilds then wait for the cold release's cache, and
// the short fixtures fill the gaps at the end instead of delaying them. Tests within a fixture run one after another, in
// their Order.
[assembly: Parallelizable(ParallelScope.Fixtures)]
[assembly: LevelOfParallelism(4)]
