using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Kiln.Tools.Building;
using Kiln.Tools.Recipes;
using Kiln.Tools.Sources;

namespace Kiln.Dist;

/// <summary>
/// <c>dist/sysreport.spdx.json</c>, an SPDX 2.3 document: a package per archive with every file in it and its SHA-256,
/// a package per bundled tool and library (pinned by its .dsc), per data file (pinned by its .deb), per arch's sysreport
/// program and per NuGet package the program embeds, and the relationships between them. No mirror host appears:
/// a Debian package's download location is its apt spec.
/// </summary>
internal static partial class SpdxDocument
{
    public const string FileName = "sysreport.spdx.json";

    public static void Write(string dist, SourceRevision revision, IReadOnlyList<ToolsManifest> tools, IReadOnlyList<ToolRecipe> recipes,
        IReadOnlyList<FetchedDataFile> data, IReadOnlyList<PublishedProduct> products)
    {
        var packages = new JsonArray();
        var files = new JsonArray();
        var relationships = new JsonArray();
        var describes = new JsonArray();
        void Relate(string from, string type, string to, string? comment = null)
        {
            var relationship = new JsonObject { ["spdxElementId"] = from, ["relationshipType"] = type, ["relatedSpdxElement"] = to };
            if (comment is not null)
                relationship["comment"] = comment;
            relationships.Add(relationship);
        }

        foreach (var tool in tools.SelectMany(t => t.Tools).DistinctBy(t => t.Name).OrderBy(t => t.Name, StringComparer.Ordinal))
            packages.Add(Package(ToolId(tool.Name), tool.Name, tool.Version, tool.Licence, $"{tool.SourcePackage}={tool.Version}", tool.DscSha256,
                $"Debian source package {tool.SourcePackage} {tool.Version}, pinned by the SHA-256 of its .dsc; built by tools/{tool.Name}/build.sh",
                tool.Kind == ToolKind.Tool ? "APPLICATION" : "LIBRARY", $"pkg:deb/debian/{tool.SourcePackage}@{tool.Version}?arch=source"));
        foreach (var recipe in recipes.Where(r => tools.Any(t => t.Tools.Any(b => b.Name == r.Name))))
            foreach (var library in recipe.DependsOn)
                Relate(ToolId(recipe.Name), "DEPENDS_ON", ToolId(library), "statically linked");

        foreach (var file in data)
        {
            var recipe = file.Recipe;
            packages.Add(Package(ToolId(recipe.Name), recipe.Name, recipe.Version, recipe.Licence, $"{recipe.BinaryPackage}={recipe.Version}", recipe.DebSha256,
                $"Debian binary package {recipe.BinaryPackage} {recipe.Version} (source package {recipe.SourcePackage}), pinned by the SHA-256 of its .deb",
                "FILE", $"pkg:deb/debian/{recipe.BinaryPackage}@{recipe.Version}?arch=all"));
        }

        foreach (var product in products)
        {
            var id = ProductId(product.Arch);
            packages.Add(Package(id, ReleaseFiles.Product, revision.Version, "NOASSERTION", "NOASSERTION", FileDigests.Sha256(product.Program),
                $"src/SysReport at commit {revision.Commit}, published self-contained for {product.RuntimeIdentifier} ({product.Mode})", "APPLICATION", null));
            foreach (var package in EmbeddedPackage.ReadDepsFile(product.DepsFile))
            {
                var packageId = Id($"NuGet-{package.Name}-{package.Version}");
                if (!packages.Any(p => (string?)p!["SPDXID"] == packageId))
                    packages.Add(Package(packageId, package.Name, package.Version, "NOASSERTION", "NOASSERTION", null,
                        "NuGet package embedded in the self-contained program", "LIBRARY", package.PackageUrl));
                Relate(id, "CONTAINS", packageId);
            }
        }

        foreach (var archive in Directory.GetFiles(dist, "*.tgz").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(archive);
            var archiveId = Id($"Archive-{name}");
            var package = Package(archiveId, name, revision.Version, "NOASSERTION", "NOASSERTION", FileDigests.Sha256(archive),
                $"Release archive written by ./build.sh Dist from commit {revision.Commit}", "ARCHIVE", null);
            package["filesAnalyzed"] = true;
            var hasFiles = new JsonArray();
            foreach (var (path, sha256) in ArchiveListing.Read(archive))
            {
                var fileId = Id($"File-{name}-{path}");
                hasFiles.Add(fileId);
                files.Add(new JsonObject
                {
                    ["SPDXID"] = fileId,
                    ["fileName"] = $"./{path}",
                    ["checksums"] = new JsonArray(Checksum(sha256)),
                });
                Relate(archiveId, "CONTAINS", fileId);
                if (OriginOf(path, tools, data, products.FirstOrDefault(p => name == ReleaseFiles.ArchiveName(p.Arch))) is { } origin)
                    Relate(fileId, "GENERATED_FROM", origin);
            }

            package["hasFiles"] = hasFiles;
            packages.Add(package);
            describes.Add(archiveId);
            Relate("SPDXRef-DOCUMENT", "DESCRIBES", archiveId);
        }

        var document = new JsonObject
        {
            ["spdxVersion"] = "SPDX-2.3",
            ["dataLicense"] = "CC0-1.0",
            ["SPDXID"] = "SPDXRef-DOCUMENT",
            ["name"] = $"{ReleaseFiles.Product}-{revision.Version}",
            ["documentNamespace"] = $"https://spdx.org/spdxdocs/{ReleaseFiles.Product}-{revision.Version}-{revision.Commit}",
            ["creationInfo"] = new JsonObject
            {
                ["created"] = revision.SourceDateTimestamp,
                ["creators"] = new JsonArray("Tool: kiln"),
            },
            ["documentDescribes"] = describes,
            ["packages"] = packages,
            ["files"] = files,
            ["relationships"] = relationships,
        };
        FileDigests.WriteAtomically(Path.Combine(dist, FileName), document.ToJsonString(ReleaseManifest.Json) + "\n");
    }

    /// <summary>The package a file in an arch archive was made from: a tool's binary, a data file, or the program.</summary>
    private static string? OriginOf(string path, IReadOnlyList<ToolsManifest> tools, IReadOnlyList<FetchedDataFile> data, PublishedProduct? product)
    {
        const string root = ReleaseFiles.Product;
        if (product is not null && path == $"{root}/app/{root}")
            return ProductId(product.Arch);
        if (data.FirstOrDefault(d => path == $"{root}/{d.Recipe.Name}") is { } file)
            return ToolId(file.Recipe.Name);
        var tool = tools.SelectMany(t => t.Tools.SelectMany(tool => tool.Binaries.Select(b => (Path: $"{root}/tools/{t.Arch}/bin/{b.Name}", tool.Name))))
            .FirstOrDefault(b => b.Path == path);
        return tool.Name is null ? null : ToolId(tool.Name);
    }

    private static JsonObject Package(string id, string name, string version, string licence, string downloadLocation, string? sha256, string sourceInfo,
        string purpose, string? packageUrl)
    {
        var package = new JsonObject
        {
            ["SPDXID"] = id,
            ["name"] = name,
            ["versionInfo"] = version,
            ["downloadLocation"] = downloadLocation,
            ["filesAnalyzed"] = false,
            ["licenseConcluded"] = licence,
            ["licenseDeclared"] = licence,
            ["copyrightText"] = "NOASSERTION",
            ["sourceInfo"] = sourceInfo,
            ["primaryPackagePurpose"] = purpose,
        };
        if (sha256 is not null)
            package["checksums"] = new JsonArray(Checksum(sha256));
        if (packageUrl is not null)
            package["externalRefs"] = new JsonArray(new JsonObject
            {
                ["referenceCategory"] = "PACKAGE-MANAGER",
                ["referenceType"] = "purl",
                ["referenceLocator"] = packageUrl,
            });
        return package;
    }

    private static JsonObject Checksum(string sha256) => new() { ["algorithm"] = "SHA256", ["checksumValue"] = sha256 };

    private static string ToolId(string name) => Id($"Package-{name}");

    private static string ProductId(string arch) => Id($"Package-{ReleaseFiles.Product}-{arch}");

    /// <summary>SPDX identifiers allow letters, digits, '.' and '-' only.</summary>
    private static string Id(string name) => "SPDXRef-" + NotIdCharacters().Replace(name, "-");

    [GeneratedRegex("[^A-Za-z0-9.-]")]
    private static partial Regex NotIdCharacters();
}
