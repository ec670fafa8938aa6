using System.Text.Json;

namespace Build.Tests;

/// <summary>What the release says about itself, machine-readably: the SPDX SBOM and the SLSA provenance.</summary>
public partial class ReleaseTests
{
    [Test, Order(6)]
    public async Task The_sbom_validates_against_the_spdx_2_3_schema()
    {
        var schema = await NJsonSchema.JsonSchema.FromFileAsync(Path.Combine(AppContext.BaseDirectory, "Schemas", "spdx-schema-2-3.json"));

        var errors = schema.Validate(File.ReadAllText(Path.Combine(Dist, "sysreport.spdx.json")));

        Assert.That(errors.Select(e => $"{e.Path}: {e.Kind}"), Is.Empty);
    }

    [Test, Order(6)]
    public void The_sbom_lists_every_bundled_tool_library_pci_ids_and_the_program_with_their_pins()
    {
        using var sbom = JsonDocument.Parse(File.ReadAllText(Path.Combine(Dist, "sysreport.spdx.json")));
        // One sysreport package per arch: names repeat, SPDX identifiers do not.
        var packages = sbom.RootElement.GetProperty("packages").EnumerateArray().GroupBy(p => p.GetProperty("name").GetString()!).ToDictionary(g => g.Key, g => g.First());
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(Dist, "manifest.json")));

        foreach (var tool in manifest.RootElement.GetProperty("tools").GetProperty("x86_64").GetProperty("tools").EnumerateArray())
        {
            var name = tool.GetProperty("name").GetString()!;
            Assert.That(packages, Does.ContainKey(name));
            Assert.That(Checksum(packages[name]), Is.EqualTo(tool.GetProperty("dscSha256").GetString()), $"{name}: the .dsc pin");
            Assert.That(packages[name].GetProperty("licenseDeclared").GetString(), Is.EqualTo(tool.GetProperty("licence").GetString()));
        }

        Assert.That(packages, Does.ContainKey("pci.ids").And.ContainKey("sysreport").And.ContainKey("Microsoft.NETCore.App.Runtime.linux-arm64"));
        Assert.That(sbom.RootElement.ToString(), Does.Not.Contain("http://").And.Not.Contain("debian.org"));
    }

    [Test, Order(6)]
    public void The_sbom_says_each_archive_contains_its_files_and_fio_depends_on_libaio_and_zlib()
    {
        using var sbom = JsonDocument.Parse(File.ReadAllText(Path.Combine(Dist, "sysreport.spdx.json")));
        var relationships = sbom.RootElement.GetProperty("relationships").EnumerateArray()
            .Select(r => $"{r.GetProperty("spdxElementId").GetString()} {r.GetProperty("relationshipType").GetString()} {r.GetProperty("relatedSpdxElement").GetString()}")
            .ToList();
        // Both arch archives hold ./sysreport/LICENSE and the like; a file's identifier names its archive, its fileName does not.
        var lspci = sbom.RootElement.GetProperty("files").EnumerateArray()
            .Single(f => f.GetProperty("fileName").GetString() == "./sysreport/tools/x86_64/bin/lspci").GetProperty("SPDXID").GetString()!;

        Assert.That(relationships, Does.Contain($"SPDXRef-Archive-sysreport.tgz CONTAINS {lspci}"));
        Assert.That(relationships, Does.Contain($"{lspci} GENERATED_FROM SPDXRef-Package-pciutils"));
        Assert.That(relationships, Does.Contain("SPDXRef-Package-fio DEPENDS_ON SPDXRef-Package-libaio").And.Contain("SPDXRef-Package-fio DEPENDS_ON SPDXRef-Package-zlib"));
        Assert.That(Checksum(sbom.RootElement.GetProperty("files").EnumerateArray().Single(f => f.GetProperty("SPDXID").GetString() == lspci)),
            Is.EqualTo(Sha256(Path.Combine(Unpack("sysreport.tgz"), "sysreport", "tools", "x86_64", "bin", "lspci"))));
    }

    [Test, Order(6)]
    public void The_provenance_subjects_are_exactly_the_files_and_digests_of_SHA256SUMS()
    {
        using var statement = JsonDocument.Parse(File.ReadAllText(Path.Combine(Dist, "provenance.intoto.json")));
        var subjects = statement.RootElement.GetProperty("subject").EnumerateArray()
            .Select(s => $"{s.GetProperty("digest").GetProperty("sha256").GetString()}  {s.GetProperty("name").GetString()}");
        var sums = File.ReadAllLines(Path.Combine(Dist, "SHA256SUMS"));

        Assert.That(statement.RootElement.GetProperty("_type").GetString(), Is.EqualTo("https://in-toto.io/Statement/v1"));
        Assert.That(statement.RootElement.GetProperty("predicateType").GetString(), Is.EqualTo("https://slsa.dev/provenance/v1"));
        Assert.That(subjects, Is.EqualTo(sums));
        Assert.That(sums, Has.Some.EndsWith("  sysreport.spdx.json").And.Some.EndsWith("  sysreport.tgz"));
    }

    [Test, Order(6)]
    public void The_provenance_resolves_the_commit_every_pin_the_sdk_and_the_tools_cache_keys()
    {
        using var statement = JsonDocument.Parse(File.ReadAllText(Path.Combine(Dist, "provenance.intoto.json")));
        var predicate = statement.RootElement.GetProperty("predicate");
        var dependencies = predicate.GetProperty("buildDefinition").GetProperty("resolvedDependencies").EnumerateArray().ToList();
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(Dist, "manifest.json")));
        var head = RepositoryCopy.Run("git", ["rev-parse", "HEAD"], Repository.Root).Output.Trim();

        Assert.That(dependencies.Single(d => d.GetProperty("name").GetString() == "source").GetProperty("digest").GetProperty("gitCommit").GetString(), Is.EqualTo(head));
        Assert.That(dependencies.Single(d => d.GetProperty("name").GetString() == "stress").GetProperty("uri").GetString(), Is.EqualTo("pkg:deb/debian/stress@1.0.7-1?arch=source"));
        Assert.That(dependencies.Select(d => d.GetProperty("name").GetString()),
            Does.Contain("pci.ids").And.Contain("builder-image").And.Contain("dotnet-sdk").And.Contain("Microsoft.NETCore.App.Runtime.linux-x64"));
        var keys = predicate.GetProperty("runDetails").GetProperty("byproducts").EnumerateArray().Select(b => b.GetProperty("digest").GetProperty("sha256").GetString());
        Assert.That(keys, Is.EquivalentTo(new[] { "x86_64", "aarch64" }.Select(a => manifest.RootElement.GetProperty("tools").GetProperty(a).GetProperty("fingerprint").GetString())));
    }

    private static string Checksum(JsonElement element) =>
        element.GetProperty("checksums").EnumerateArray().Single(c => c.GetProperty("algorithm").GetString() == "SHA256").GetProperty("checksumValue").GetString()!;
}
