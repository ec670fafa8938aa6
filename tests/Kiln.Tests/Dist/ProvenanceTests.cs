using System.Text.Json.Nodes;
using Kiln.Dist;

namespace Kiln.Tests.Dist;

public class ProvenanceTests
{
    [Test]
    public void The_statement_records_the_invoked_targets_it_was_given_in_their_order()
    {
        using var dist = new ScratchDirectory();
        var inputs = new ProvenanceInputs(
            new SourceRevision("1.2.3", new string('a', 40), DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), 1_700_000_000),
            Targets: ["Tools", "Checksums"],
            Arches: ["x86_64"], Tools: ["stress"], Executor: "local", BaseImage: "debian:bookworm", BuilderImageTag: "kiln-builder:0123456789ab",
            SdkVersion: "10.0.100", BuiltTools: [], Data: [], Products: [], ToolsCacheKeys: new Dictionary<string, string>());

        Provenance.Write(dist.Path, [], inputs);

        var statement = JsonNode.Parse(File.ReadAllText(dist.Combine(Provenance.FileName)))!;
        var targets = statement["predicate"]!["buildDefinition"]!["externalParameters"]!["targets"]!.AsArray();
        Assert.That(targets.Select(t => t!.GetValue<string>()), Is.EqualTo(new[] { "Tools", "Checksums" }));
    }
}
