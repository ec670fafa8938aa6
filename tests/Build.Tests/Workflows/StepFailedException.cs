namespace Build.Tests.Workflows;

/// <summary>A step failed the way the action would fail it; the job goes on with <c>if: always()</c> and <c>failure()</c> steps.</summary>
internal sealed class StepFailedException(string message) : Exception(message);
