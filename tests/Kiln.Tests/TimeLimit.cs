using Kiln.Testing;

// Components against real processes, nginx and a Docker Engine.
[assembly: TimeLimit(120)]
