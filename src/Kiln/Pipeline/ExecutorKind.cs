namespace Kiln.Pipeline;

/// <summary>Where tools compile: <c>auto</c> picks Docker when its Engine API answers within a second.</summary>
internal enum ExecutorKind
{
    Auto,
    Docker,
    Local,
}
