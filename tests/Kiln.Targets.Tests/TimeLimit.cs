using Kiln.Testing;

// Unit tests of the engine: seconds each at most.
[assembly: TimeLimit(60)]
