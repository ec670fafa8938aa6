using Kiln.Testing;

// Unit tests of the product CLI with recorded fixtures.
[assembly: TimeLimit(60)]
