namespace Kiln.Components;

/// <summary>The MSBuild configuration the product and tests are built in.</summary>
internal enum Configuration
{
    Debug,
    Release,
}
