using System.Text.Json.Nodes;
using Kiln.Dist;

namespace Kiln.Tests.Dist;

public class SpdxDocumentTests
{
    [Test]
    public void Each_file_of_an_arch_archive_is_related_to_the_package_it_was_made_from()
    {
        using var checkout = new ReleaseCheckout();
        checkout.Package();

        var document = Write(checkout);

        var origins = document["relationships"]!.AsArray()
            .Where(r => (string?)r!["relationshipType"] == "GENERATED_FROM")
            .ToDictionary(r => (string)r!["spdxElementId"]!, r => (string)r!["relatedSpdxElement"]!);
        Assert.That(origins, Is.EquivalentTo(new Dictionary<string, string>
        {
            ["SPDXRef-File-sysreport.tgz-sysreport-tools-x86-64-bin-stress"] = "SPDXRef-Package-stress",
            ["SPDXRef-File-sysreport.tgz-sysreport-pci.ids"] = "SPDXRef-Package-pci.ids",
            ["SPDXRef-File-sysreport.tgz-sysreport-app-sysreport"] = "SPDXRef-Package-sysreport-x86-64",
        }));
    }

    [Test]
    public void The_program_package_contains_the_packages_its_deps_file_names()
    {
        using var checkout = new ReleaseCheckout();
        checkout.Package();

        var document = Write(checkout);

        var contained = document["relationships"]!.AsArray()
            .Where(r => (string?)r!["spdxElementId"] == "SPDXRef-Package-sysreport-x86-64" && (string?)r!["relationshipType"] == "CONTAINS")
            .Select(r => (string)r!["relatedSpdxElement"]!);
        Assert.That(contained, Is.EqualTo(new[] { "SPDXRef-NuGet-Microsoft.NETCore.App.Runtime.linux-x64-10.0.0" }));
    }

    [Test]
    public void The_document_holds_no_time_but_the_source_date_and_names_the_commit()
    {
        using var checkout = new ReleaseCheckout();
        checkout.Package();

        var document = Write(checkout);

        Assert.That((string?)document["creationInfo"]!["created"], Is.EqualTo("2023-11-14T22:13:20Z"));
        Assert.That((string?)document["documentNamespace"], Does.EndWith($"sysreport-1.2.3-{checkout.Revision.Commit}"));
    }

    private static JsonNode Write(ReleaseCheckout checkout)
    {
        SpdxDocument.Write(checkout.Dist, checkout.Revision, [checkout.Tools], [], checkout.Data, [checkout.Product]);
        return JsonNode.Parse(File.ReadAllText(Path.Combine(checkout.Dist, SpdxDocument.FileName)))!;
    }
}
