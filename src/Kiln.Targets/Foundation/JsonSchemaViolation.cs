namespace Kiln.Targets.Foundation;

/// <summary>
/// One way a document breaks its schema: <see cref="Field"/> is the JSON path (<c>binaries</c>, <c>configureFlags[1]</c>,
/// <c>commit.full</c>; <c>(document)</c> for the root), <see cref="Rule"/> says which rule and with what value.
/// </summary>
public sealed record JsonSchemaViolation(string Field, string Rule)
{
    public override string ToString() => $"{Field}: {Rule}";
}
