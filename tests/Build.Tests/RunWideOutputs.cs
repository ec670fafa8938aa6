namespace Build.Tests;

/// <summary>Deletes what the run made once for all fixtures, and stops the compiler servers it started, after the last of them.</summary>
[SetUpFixture]
public sealed class RunWideOutputs
{
    [OneTimeTearDown]
    public void DeleteThem()
    {
        ColdRelease.Delete();
        PublishedProgram.Delete();
        CompilerServer.ShutDown();
    }
}
