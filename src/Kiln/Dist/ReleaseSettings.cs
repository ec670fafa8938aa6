using Kiln.Signing;
using Kiln.Targets;

namespace Kiln.Dist;

/// <summary>Everything the release stages take from the build's parameters and command line.</summary>
/// <param name="SourceDateEpoch">The user's SOURCE_DATE_EPOCH; null takes the commit time of HEAD.</param>
/// <param name="InvokedTargets">The targets as the engine parsed them from the command line, for the provenance.</param>
/// <param name="BaseImage">The builder image's base, for the provenance.</param>
/// <param name="Architectures">The parameter that selects the arches, named by the error of a host that cannot publish one.</param>
internal sealed record ReleaseSettings(CheckoutLayout Layout, long? SourceDateEpoch, IReadOnlyList<string> InvokedTargets, string BaseImage,
    ParameterName Architectures)
{
    /// <summary>The key that signs the provenance's envelope; null writes the provenance unsigned.</summary>
    public SigningKey? SigningKey { get; init; }
}
