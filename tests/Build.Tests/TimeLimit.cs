using Kiln.Testing;

// End to end: each test runs ./build.sh once or twice on a filled cache; a fixture that compiles from nothing says so with its own limit.
[assembly: TimeLimit(300)]
