namespace Build.Tests;

/// <summary>What a repository copy starts with besides its files: outputs one run makes once and shares.</summary>
[Flags]
internal enum SharedOutputs
{
    /// <summary>Nothing: the copy starts as a fresh clone does.</summary>
    None = 0,

    /// <summary>The compiled build project with its stamp (<see cref="RepositoryCopy.ShareCompiledBuildProject"/>).</summary>
    BuildProject = 1,

    /// <summary>The published product program with its stamps (<see cref="PublishedProgram"/>).</summary>
    PublishedProgram = 2,

    All = BuildProject | PublishedProgram,
}
