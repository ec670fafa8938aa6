using Kiln.Targets;

namespace Kiln.Signing;

/// <summary>
/// The private key that signs uploaded cache entries and the release (ECDSA P-256 as PEM, PKCS#8): a secret environment
/// variable only, never a parameter, so it reaches no command line, parameters file or log. One key signs both.
/// </summary>
internal static class SigningKeyVariable
{
    /// <summary>Spelled as a parameter of this name would be: <c>KILN_SIGNING_KEY</c> under the build's prefix <c>KILN</c>.</summary>
    public const string Name = "SigningKey";

    /// <summary>
    /// Only the steps of trusted runs get it: whoever holds it signs what every build that trusts its public key accepts,
    /// and a pull request's build verifies with the committed public keys alone.
    /// </summary>
    public static GitHubActionsStepVariable WorkflowVariable => GitHubActionsStepVariable.FromBuildSecret(Name).AsWriteCredential();
}
