using Kiln.Signing;

namespace Kiln.Tests.Signing;

public sealed class BuildKeysTests
{
    private const string Deprecated = "KILN_REMOTE_CACHE_SIGNING_KEY";

    [Test]
    public void The_signing_key_comes_from_its_environment_variable()
    {
        using var key = SigningKey.Generate();
        var log = new StringWriter();

        var keys = Load(new() { [SigningKey.EnvironmentVariable] = key.ExportPem() }, log);

        Assert.That(keys.SigningKey!.KeyId, Is.EqualTo(key.KeyId));
        Assert.That(log.ToString(), Is.Empty);
    }

    [Test]
    public void A_pem_key_in_the_deprecated_variable_is_used_with_a_warning_that_names_the_new_one()
    {
        using var key = SigningKey.Generate();
        var log = new StringWriter();

        var keys = Load(new() { [Deprecated] = key.ExportPem() }, log);

        Assert.That(keys.SigningKey!.KeyId, Is.EqualTo(key.KeyId));
        Assert.That(log.ToString(), Does.StartWith($"warning: {Deprecated} is deprecated").And.Contain(SigningKey.EnvironmentVariable));
    }

    [Test]
    public void An_hmac_secret_in_the_deprecated_variable_is_ignored_with_a_warning()
    {
        var log = new StringWriter();

        var keys = Load(new() { [Deprecated] = "team signing key" }, log);

        Assert.That(keys.SigningKey, Is.Null);
        Assert.That(log.ToString(), Does.Contain("ignored").And.Contain(SigningKey.EnvironmentVariable));
    }

    [Test]
    public void A_blank_variable_means_no_signing_key()
    {
        var keys = Load(new() { [SigningKey.EnvironmentVariable] = " " }, TextWriter.Null);

        Assert.That(keys.SigningKey, Is.Null);
    }

    private static BuildKeys Load(Dictionary<string, string?> environment, TextWriter log) =>
        BuildKeys.Load(name => environment.GetValueOrDefault(name), Deprecated, Path.Combine(Path.GetTempPath(), $"no-keys-{Guid.NewGuid():N}"), log);
}
