using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Kiln.Dist;
using Kiln.DotNet;
using Kiln.Processes;
using Kiln.Signing;
using Kiln.Targets.Foundation;

namespace Kiln.Tests.Dist;

/// <summary>The Verify target's checks on a small release the release workflow writes from <see cref="ReleaseCheckout"/>, signed with a fresh key.</summary>
public sealed class ReleaseVerificationTests
{
    private ReleaseCheckout _checkout = null!;
    private SigningKey _key = null!;
    private TrustedKeys _trusted = null!;

    [OneTimeSetUp]
    public async Task WriteSignedRelease()
    {
        _checkout = new ReleaseCheckout();
        _key = SigningKey.Generate();
        _trusted = new TrustedKeys([_key.PublicKey]);
        await Git("init", "-q");
        await Git("-c", "user.name=Kiln", "-c", "user.email=kiln@example.invalid", "commit", "-q", "--allow-empty", "-m", "release");
        var release = new ReleaseWorkflow(new ReleaseSettings(_checkout.Layout, null, ["Dist"], "debian:bookworm", BuildParameters.Named("Arch")) { SigningKey = _key },
            new FakeReleaseTools(_checkout), new DotNetCli(_checkout.Layout.RootDirectory, TextWriter.Null), TextWriter.Null);
        await release.PackageAsync(CancellationToken.None);
        await release.WriteManifestAsync(CancellationToken.None);
        await release.WriteChecksumsAsync(CancellationToken.None);
    }

    [OneTimeTearDown]
    public void Delete()
    {
        _key.Dispose();
        _checkout.Dispose();
    }

    /// <summary>Every file of the release <see cref="ReleaseCheckout"/>'s one arch gives.</summary>
    private static IEnumerable<string> ReleaseFileNames()
    {
        var archives = new[] { ReleaseFiles.ArchiveName(ReleaseCheckout.Arch), ReleaseFiles.Sources };
        return
        [
            .. archives, .. archives.Select(archive => archive + ReleaseFiles.Md5Suffix),
            ReleaseManifest.FileName, SpdxDocument.FileName, ReleaseFiles.Sha256Sums, Provenance.FileName, Provenance.EnvelopeFileName,
        ];
    }

    [Test]
    public void A_fresh_signed_release_verifies_against_its_key()
    {
        var checkedParts = ReleaseVerification.Verify(_checkout.Dist, _trusted, "--verify-dir");

        Assert.That(checkedParts, Has.Some.Contains("signed by"));
    }

    [Test]
    public void The_test_flips_a_byte_of_every_file_the_release_holds()
    {
        Assert.That(ReleaseFileNames(), Is.EquivalentTo(Directory.GetFiles(_checkout.Dist).Select(Path.GetFileName)));
    }

    [TestCaseSource(nameof(ReleaseFileNames))]
    public void One_byte_changed_in_any_file_fails_verification_naming_that_file(string name)
    {
        var path = Path.Combine(_checkout.Dist, name);
        var original = File.ReadAllBytes(path);
        var changed = original.ToArray();
        changed[changed.Length / 2] ^= 0x01;
        File.WriteAllBytes(path, changed);
        try
        {
            var problems = ReleaseVerification.Problems(_checkout.Dist, _trusted);

            Assert.That(problems, Has.Some.StartWith($"{name}: "), string.Join(Environment.NewLine, problems));
        }
        finally
        {
            File.WriteAllBytes(path, original);
        }
    }

    [Test]
    public void A_release_signed_by_a_key_that_is_not_trusted_fails_naming_the_envelope()
    {
        using var other = SigningKey.Generate();

        var problems = ReleaseVerification.Problems(_checkout.Dist, new TrustedKeys([other.PublicKey]));

        Assert.That(problems, Has.Exactly(1).Items);
        Assert.That(problems[0], Does.StartWith($"{Provenance.EnvelopeFileName}: ").And.Contain("not trusted"));
    }

    [Test]
    public void Without_trusted_keys_the_checksums_are_still_checked_but_not_the_signature()
    {
        var checkedParts = ReleaseVerification.Verify(_checkout.Dist, TrustedKeys.None, "--verify-dir");

        Assert.That(checkedParts, Has.Some.Contains("signature not checked"));
    }

    [Test]
    public void A_file_added_to_the_release_fails_as_unlisted()
    {
        var extra = Path.Combine(_checkout.Dist, "extra.sh");
        File.WriteAllText(extra, "#!/bin/sh\n");
        try
        {
            Assert.That(ReleaseVerification.Problems(_checkout.Dist, _trusted), Has.Some.StartWith("extra.sh: is not listed in SHA256SUMS"));
        }
        finally
        {
            File.Delete(extra);
        }
    }

    [Test]
    public void An_sbom_whose_file_digest_differs_from_the_file_in_its_archive_fails_naming_the_sbom()
    {
        var path = Path.Combine(_checkout.Dist, SpdxDocument.FileName);
        var original = File.ReadAllText(path);
        var sbom = JsonNode.Parse(original)!;
        sbom["files"]![0]!["checksums"]![0]!["checksumValue"] = new string('0', 64);
        File.WriteAllText(path, sbom.ToJsonString());
        try
        {
            var problems = ReleaseVerification.Problems(_checkout.Dist, _trusted);

            Assert.That(problems, Has.Some.Match($@"^{Regex.Escape(SpdxDocument.FileName)}: the files it lists for .* {new string('0', 64)}\)$"));
        }
        finally
        {
            File.WriteAllText(path, original);
        }
    }

    [Test]
    public void A_missing_release_folder_fails_naming_the_parameter()
    {
        var error = Assert.Throws<BuildException>(() => ReleaseVerification.Verify(Path.Combine(_checkout.Dist, "nowhere"), _trusted, "--verify-dir"));

        Assert.That(error!.Message, Does.StartWith("--verify-dir"));
    }

    [Test]
    public void A_failed_verification_lists_every_problem_in_one_error()
    {
        var path = Path.Combine(_checkout.Dist, ReleaseFiles.ArchiveName(ReleaseCheckout.Arch) + ReleaseFiles.Md5Suffix);
        var original = File.ReadAllText(path);
        File.WriteAllText(path, (original[0] == '0' ? "1" : "0") + original[1..]);
        try
        {
            var error = Assert.Throws<BuildException>(() => ReleaseVerification.Verify(_checkout.Dist, _trusted, "--verify-dir"));

            Assert.That(error!.Message, Does.Contain($"{Path.GetFileName(path)}: does not match").And.Contain($"{ReleaseFiles.Sha256Sums}: says"));
        }
        finally
        {
            File.WriteAllText(path, original);
        }
    }

    private Task Git(params string[] arguments) => ProcessRunner.CaptureAsync(["git", .. arguments], _checkout.Layout.RootDirectory, CancellationToken.None);
}
