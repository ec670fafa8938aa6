using Kiln.Targets.Configuration;
using Kiln.Targets.Foundation;

namespace Kiln.Targets.Tests.Configuration;

public sealed class JsonSchemaValidatorTests
{
    private static readonly JsonSchemaValidator Validator = JsonSchemaValidator.FromText("""
        {
          "type": "object",
          "required": ["commit"],
          "properties": {
            "commit": {
              "type": "object",
              "required": ["full"],
              "properties": { "full": { "type": "string", "pattern": "^[0-9a-f]{40}$" } }
            },
            "artifacts": { "type": "array", "items": { "type": "object", "properties": { "size": { "type": "integer" } } } }
          }
        }
        """);

    [Test]
    public void A_nested_violation_names_the_dotted_path_the_rule_and_the_value()
    {
        var violations = Validator.Validate("""{ "commit": { "full": "HEAD" } }""");

        Assert.That(violations, Is.EqualTo(new[] { new JsonSchemaViolation("commit.full", "must match ^[0-9a-f]{40}$, but is \"HEAD\"") }));
    }

    [Test]
    public void A_violation_inside_an_array_item_names_the_index()
    {
        var violations = Validator.Validate("""{ "commit": { "full": "0123456789abcdef0123456789abcdef01234567" }, "artifacts": [ { "size": 1 }, { "size": "big" } ] }""");

        Assert.That(violations.Select(violation => violation.Field), Is.EqualTo(new[] { "artifacts[1].size" }));
        Assert.That(violations[0].Rule, Does.StartWith("must be of type integer"));
    }

    [Test]
    public void A_missing_required_field_is_named()
    {
        var violations = Validator.Validate("{}");

        Assert.That(violations, Is.EqualTo(new[] { new JsonSchemaViolation("commit", "is required but missing") }));
    }
}
