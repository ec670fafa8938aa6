using System.Text.Json;
using Kiln.Targets.Configuration;
using Kiln.Targets.Foundation;

namespace Kiln.Targets.Tests.Configuration;

public sealed class BuildSchemaGeneratorTests
{
    private static JsonElement Schema() => JsonDocument.Parse(BuildSchemaGenerator.Generate(SampleBuild.Model()).Content).RootElement;

    private static IReadOnlyList<string> Validate(string parametersJson) =>
        JsonSchemaValidator.FromText(BuildSchemaGenerator.Generate(SampleBuild.Model()).Content).Validate(parametersJson)
            .Select(violation => violation.ToString())
            .ToList();

    [Test]
    public void Schema_accepts_a_parameters_file_using_every_kind_of_parameter()
    {
        const string parameters = """
            {
              "$schema": "./build.schema.json",
              "ToolsCacheDir": "tools-cache",
              "SkipToolsCache": false,
              "Executor": "docker",
              "Arch": ["x86_64", "aarch64"],
              "Jobs": 2,
              "Target": ["Dist"],
              "Skip": ["Tools"]
            }
            """;

        Assert.That(Validate(parameters), Is.Empty);
    }

    [Test]
    public void Schema_rejects_an_enum_value_the_parameter_does_not_allow()
    {
        Assert.That(Validate("""{ "Executor": "podman" }"""), Has.Exactly(1).StartsWith("Executor: must be one of"));
        Assert.That(Validate("""{ "Executor": "podman" }"""), Has.Exactly(1).Contains("\"podman\""));
    }

    [Test]
    public void Schema_rejects_a_value_of_the_wrong_type()
    {
        Assert.That(Validate("""{ "SkipToolsCache": "yes", "Jobs": 1.5 }"""),
            Has.Exactly(1).StartsWith("SkipToolsCache: must be of type boolean").And.Exactly(1).StartsWith("Jobs: must be of type integer"));
    }

    [Test]
    public void Schema_rejects_a_target_the_build_does_not_have()
    {
        Assert.That(Validate("""{ "Target": ["Dsit"] }"""), Has.Exactly(1).StartsWith("Target[0]:"));
    }

    [Test]
    public void Schema_describes_each_parameter()
    {
        var description = Schema().GetProperty("properties").GetProperty("ToolsCacheDir").GetProperty("description").GetString();

        Assert.That(description, Is.EqualTo("Where tools cache entries live"));
    }

    [Test]
    public void Schema_is_the_same_whatever_the_declaration_order()
    {
        var model = SampleBuild.Model();
        var reordered = model with { Targets = model.Targets.Reverse().ToList(), Parameters = model.Parameters.Reverse().ToList() };

        Assert.That(BuildSchemaGenerator.Generate(reordered).Content, Is.EqualTo(BuildSchemaGenerator.Generate(model).Content));
    }

    [Test]
    public void A_parameter_named_like_a_reserved_key_is_refused_naming_it()
    {
        var model = SampleBuild.Model();
        model = model with { Parameters = [.. model.Parameters, new ParameterModel("Target", "target", "clash", ParameterKind.String, [])] };

        var error = Assert.Throws<InvalidBuildConfigurationException>(() => BuildSchemaGenerator.Generate(model));

        Assert.That(error!.Message, Does.Contain("Target").And.Contain("reserved"));
    }
}
