namespace Kiln.Targets;

/// <summary>
/// A target, declared as a property of the build: <c>Target Compile => _ => _.DependsOn(Restore).Executes(...)</c>.
/// The engine calls it once with an empty definition and keeps what the lambda configured.
/// </summary>
public delegate ITargetDefinition Target(ITargetDefinition definition);
