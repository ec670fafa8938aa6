using System.Text.Json.Nodes;

namespace Kiln.Tests.Tools;

/// <summary>A tools/ folder in a temporary directory, with the repository's schema, for recipes written by a test.</summary>
internal sealed class RecipeFolder : IDisposable
{
    private readonly ScratchDirectory _root = new();

    public RecipeFolder()
    {
        Directory.CreateDirectory(Path);
        File.Copy(RepositoryFiles.Schema, System.IO.Path.Combine(Path, "tool.schema.json"));
    }

    public string Root => _root.Path;

    public string Path => _root.Combine("tools");

    public static JsonObject ValidRecipe(string name, string kind = "tool", params string[] dependsOn) => new()
    {
        ["name"] = name,
        ["kind"] = kind,
        ["sourcePackage"] = name,
        ["version"] = "1.0",
        ["dscSha256"] = new string('a', 64),
        ["dependsOn"] = new JsonArray(dependsOn.Select(d => (JsonNode)d).ToArray()),
        ["binaries"] = kind == "tool" ? new JsonArray(name) : new JsonArray(),
        ["licence"] = "MIT",
        ["configureFlags"] = new JsonArray(),
    };

    /// <summary>Writes tools/&lt;name&gt;/tool.json and a build.sh; returns the tool.json path.</summary>
    public string Write(JsonObject recipe, string? folder = null, string buildScript = "#!/usr/bin/env bash\nset -eu\n")
    {
        var directory = System.IO.Path.Combine(Path, folder ?? recipe["name"]!.GetValue<string>());
        Directory.CreateDirectory(directory);
        var file = System.IO.Path.Combine(directory, "tool.json");
        File.WriteAllText(file, recipe.ToJsonString());
        File.WriteAllText(System.IO.Path.Combine(directory, "build.sh"), buildScript);
        return file;
    }

    public void Dispose() => _root.Dispose();
}
