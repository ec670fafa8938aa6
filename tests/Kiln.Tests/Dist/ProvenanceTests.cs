using System.Text.Json.Nodes;
using Kiln.Dist;

namespace Kiln.Tests.Dist;

public class ProvenanceTests
{
    private static readonly ProvenanceInputs Inputs = new(
        new SourceRevision("1.2.3", new string('a', 40), DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), 1_700_000_000),
        Targets: ["Tools", "Checksums"],
        Arches: ["x86_64"], Tools: ["stress"], Executor: "local", BaseImage: "debian:bookworm", BuilderImageTag: "kiln-builder:0123456789ab",
        SdkVersion: "10.0.100", BuiltTools: [], Data: [], Products: [],
        ToolsCacheKeys: new Dictionary<string, string> { ["x86_64"] = new('b', 64), ["aarch64"] = new('c', 64) });

    [Test]
    public void The_statement_records_the_invoked_targets_it_was_given_in_their_order()
    {
        using var dist = new ScratchDirectory();

        var statement = Write(dist, []);

        var targets = statement["predicate"]!["buildDefinition"]!["externalParameters"]!["targets"]!.AsArray();
        Assert.That(targets.Select(t => t!.GetValue<string>()), Is.EqualTo(new[] { "Tools", "Checksums" }));
    }

    [Test]
    public void The_subjects_are_the_files_and_digests_sha256sums_lists()
    {
        using var dist = new ScratchDirectory();

        var statement = Write(dist, [("sysreport.tgz", new string('1', 64)), ("manifest.json", new string('2', 64))]);

        var subjects = statement["subject"]!.AsArray().Select(s => ((string)s!["name"]!, (string)s["digest"]!["sha256"]!));
        Assert.That(subjects, Is.EqualTo(new[] { ("sysreport.tgz", new string('1', 64)), ("manifest.json", new string('2', 64)) }));
    }

    [Test]
    public void The_only_time_it_holds_is_the_source_date()
    {
        using var dist = new ScratchDirectory();

        var statement = Write(dist, []);

        Assert.That((string?)statement["predicate"]!["runDetails"]!["metadata"]!["startedOn"], Is.EqualTo("2023-11-14T22:13:20Z"));
        Assert.That((long?)statement["predicate"]!["buildDefinition"]!["externalParameters"]!["sourceDateEpoch"], Is.EqualTo(1_700_000_000));
    }

    [Test]
    public void Each_arch_tools_cache_key_is_a_byproduct_in_arch_order()
    {
        using var dist = new ScratchDirectory();

        var statement = Write(dist, []);

        var byproducts = statement["predicate"]!["runDetails"]!["byproducts"]!.AsArray().Select(b => (string)b!["name"]!);
        Assert.That(byproducts, Is.EqualTo(new[] { $"tools-cache/aarch64/{new string('c', 64)}", $"tools-cache/x86_64/{new string('b', 64)}" }));
    }

    private static JsonNode Write(ScratchDirectory dist, IReadOnlyList<(string Name, string Sha256)> subjects)
    {
        Provenance.Write(dist.Path, subjects, Inputs);
        return JsonNode.Parse(File.ReadAllText(dist.Combine(Provenance.FileName)))!;
    }
}
