/// <summary>The MSBuild configuration the product and tests are built in.</summary>
public enum Configuration
{
    Debug,
    Release,
}
