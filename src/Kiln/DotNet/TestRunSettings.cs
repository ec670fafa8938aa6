namespace Kiln.DotNet;

/// <summary>How <see cref="TestHarness"/> runs the test projects.</summary>
/// <param name="Filter">A <c>dotnet test --filter</c> expression; with one, a project's test count cannot be checked.</param>
/// <param name="HangTimeout">
/// The backstop for a hang no test's own time limit catches (a fixture's set-up): <c>--blame-hang-timeout</c> ends the test
/// host after this long without a test starting or finishing.
/// </param>
/// <param name="Parallelism">How many projects run at once; the first projects start first.</param>
internal sealed record TestRunSettings(string Configuration, string ResultsDirectory, string? Filter, TimeSpan HangTimeout, int Parallelism = 2);
