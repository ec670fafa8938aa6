namespace Kiln.Signing;

/// <summary>The keys of one build: the team's private key when this build holds it (a trusted CI job), and the public keys it trusts.</summary>
internal sealed record BuildKeys(SigningKey? SigningKey, TrustedKeys Trusted)
{
    public static BuildKeys None { get; } = new(null, TrustedKeys.None);

    /// <summary>
    /// The private key from <see cref="SigningKey.EnvironmentVariable"/>, or with a warning from
    /// <paramref name="deprecatedVariable"/>, which held the HMAC key of Kiln's former entry signing: a PEM key there is
    /// used, anything else (an HMAC secret) is ignored. The trusted keys are every <c>*.pem</c> of <paramref name="trustedKeysDirectory"/>.
    /// </summary>
    public static BuildKeys Load(Func<string, string?> environment, string deprecatedVariable, string trustedKeysDirectory, TextWriter log) =>
        new(PrivateKey(environment, deprecatedVariable, log), TrustedKeys.Load(trustedKeysDirectory));

    private static SigningKey? PrivateKey(Func<string, string?> environment, string deprecatedVariable, TextWriter log)
    {
        if (NonBlank(environment(SigningKey.EnvironmentVariable)) is { } pem)
            return SigningKey.FromPem(pem, SigningKey.EnvironmentVariable);
        if (NonBlank(environment(deprecatedVariable)) is not { } deprecated)
            return null;
        if (!deprecated.Contains("-----BEGIN", StringComparison.Ordinal))
        {
            log.WriteLine($"warning: {deprecatedVariable} is deprecated and ignored: it held an HMAC key, and entries are now signed with an ECDSA P-256 private key in {SigningKey.EnvironmentVariable}.");
            return null;
        }

        log.WriteLine($"warning: {deprecatedVariable} is deprecated: give the signing key in {SigningKey.EnvironmentVariable}.");
        return SigningKey.FromPem(deprecated, deprecatedVariable);
    }

    private static string? NonBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
