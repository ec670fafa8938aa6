namespace Build.Tests.Workflows;

/// <summary>
/// The committed <c>build.yml</c>'s release job, executed against a stand-in <c>build.sh</c>: GitHub's build provenance
/// attestation covers exactly the files the release gets, with the digests it gets them with.
/// </summary>
public class WorkflowReleaseAttestationTests
{
    private StandInWorkflow _workflow = null!;

    [SetUp]
    public void CreateStandInRepository() => _workflow = new StandInWorkflow();

    [TearDown]
    public void DeleteRepository() => _workflow.Dispose();

    [Test]
    public void A_release_attests_every_file_it_attaches_with_that_files_digest()
    {
        var run = _workflow.Run(1);
        var attest = run.Job("release").Step("Attest their build provenance");

        var released = Directory.GetFiles(run.ReleaseDirectory).Order(StringComparer.Ordinal)
            .Select(file => $"{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(file)))}  {Path.GetFileName(file)}");

        Assert.That(attest.Outcome, Is.EqualTo("success"), run.ToString());
        Assert.That(File.ReadAllLines(attest.Outputs["bundle-path"]), Is.EqualTo(released));
        Assert.That(released, Is.Not.Empty);
    }
}
