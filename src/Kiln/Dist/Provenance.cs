using System.Text.Json.Nodes;
using Kiln.Signing;

namespace Kiln.Dist;

/// <summary>
/// <c>dist/provenance.intoto.json</c>: an in-toto Statement v1 whose predicate is SLSA provenance v1. Its subjects are
/// exactly the files SHA256SUMS lists, with the same digests. It holds no time but SOURCE_DATE_EPOCH, so two builds of
/// one commit write the same bytes. A build holding the signing key also writes it, byte for byte, as the payload of a
/// DSSE envelope signed with that key (<see cref="EnvelopeFileName"/>, the in-toto convention cosign and slsa-verifier read).
/// </summary>
internal static class Provenance
{
    public const string FileName = "provenance.intoto.json";

    public const string EnvelopeFileName = "provenance.intoto.jsonl";

    // No public page describes these yet; the reserved .invalid domain marks them as names, never as addresses to fetch.
    public const string BuildType = "https://kiln.invalid/build-types/dist/v1";
    public const string BuilderId = "https://kiln.invalid/builders/build.sh";

    /// <param name="subjects">The names and SHA-256 digests SHA256SUMS lists.</param>
    public static void Write(string dist, IReadOnlyList<(string Name, string Sha256)> subjects, ProvenanceInputs inputs)
    {
        var statement = new JsonObject
        {
            ["_type"] = "https://in-toto.io/Statement/v1",
            ["subject"] = Array(subjects.Select(s => new JsonObject { ["name"] = s.Name, ["digest"] = Sha256(s.Sha256) })),
            ["predicateType"] = "https://slsa.dev/provenance/v1",
            ["predicate"] = new JsonObject
            {
                ["buildDefinition"] = new JsonObject
                {
                    ["buildType"] = BuildType,
                    ["externalParameters"] = new JsonObject
                    {
                        ["targets"] = Array(inputs.Targets.Select(t => JsonValue.Create(t))),
                        ["arch"] = Array(inputs.Arches.Select(a => JsonValue.Create(a))),
                        ["tools"] = Array(inputs.Tools.Select(t => JsonValue.Create(t))),
                        ["executor"] = inputs.Executor,
                        ["baseImage"] = inputs.BaseImage,
                        ["sourceDateEpoch"] = inputs.Revision.SourceDateEpoch,
                    },
                    ["internalParameters"] = new JsonObject
                    {
                        ["version"] = inputs.Revision.Version,
                        ["publish"] = new JsonObject(inputs.Products.Select(p => KeyValuePair.Create(p.Arch, (JsonNode?)new JsonObject
                        {
                            ["runtimeIdentifier"] = p.RuntimeIdentifier,
                            ["mode"] = p.Mode,
                        }))),
                    },
                    ["resolvedDependencies"] = Array(Dependencies(inputs)),
                },
                ["runDetails"] = new JsonObject
                {
                    ["builder"] = new JsonObject { ["id"] = BuilderId },
                    ["metadata"] = new JsonObject { ["startedOn"] = inputs.Revision.SourceDateTimestamp },
                    ["byproducts"] = Array(inputs.ToolsCacheKeys.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => new JsonObject
                    {
                        ["name"] = $"tools-cache/{k.Key}/{k.Value}",
                        ["digest"] = Sha256(k.Value),
                        ["annotations"] = new JsonObject { ["kind"] = "tools cache key", ["arch"] = k.Key },
                    })),
                },
            },
        };
        FileDigests.WriteAtomically(Path.Combine(dist, FileName), statement.ToJsonString(ReleaseManifest.Json) + "\n");
    }

    /// <summary>
    /// Writes <see cref="EnvelopeFileName"/> over the provenance <see cref="Write"/> wrote, signed with
    /// <paramref name="key"/>; without a key, removes one an earlier signed build left, which would name other bytes.
    /// </summary>
    public static void WriteEnvelope(string dist, SigningKey? key)
    {
        var path = Path.Combine(dist, EnvelopeFileName);
        if (key is null)
        {
            File.Delete(path);
            return;
        }

        var statement = File.ReadAllBytes(Path.Combine(dist, FileName));
        FileDigests.WriteAtomically(path, DsseEnvelope.Sign(DsseEnvelope.InTotoPayloadType, statement, key).ToJsonLine());
    }

    /// <summary>The commit, each tool's .dsc pin, each data file's .deb pin, the builder image, the SDK and the runtime packs.</summary>
    private static IEnumerable<JsonObject> Dependencies(ProvenanceInputs inputs)
    {
        yield return new JsonObject { ["name"] = "source", ["digest"] = new JsonObject { ["gitCommit"] = inputs.Revision.Commit } };
        foreach (var tool in inputs.BuiltTools.SelectMany(t => t.Tools).DistinctBy(t => t.Name).OrderBy(t => t.Name, StringComparer.Ordinal))
            yield return new JsonObject { ["name"] = tool.Name, ["uri"] = $"pkg:deb/debian/{tool.SourcePackage}@{tool.Version}?arch=source", ["digest"] = Sha256(tool.DscSha256) };
        foreach (var recipe in inputs.Data.Select(d => d.Recipe))
            yield return new JsonObject { ["name"] = recipe.Name, ["uri"] = $"pkg:deb/debian/{recipe.BinaryPackage}@{recipe.Version}?arch=all", ["digest"] = Sha256(recipe.DebSha256) };
        yield return new JsonObject { ["name"] = "builder-image", ["uri"] = $"docker-image:{inputs.BuilderImageTag}" };
        yield return new JsonObject { ["name"] = "dotnet-sdk", ["uri"] = $"pkg:generic/dotnet-sdk@{inputs.SdkVersion}" };
        foreach (var package in inputs.Products.SelectMany(p => EmbeddedPackage.ReadDepsFile(p.DepsFile)).DistinctBy(p => p.PackageUrl))
            yield return new JsonObject { ["name"] = package.Name, ["uri"] = package.PackageUrl };
    }

    private static JsonObject Sha256(string digest) => new() { ["sha256"] = digest };

    private static JsonArray Array(IEnumerable<JsonNode?> items) => new(items.ToArray());
}
