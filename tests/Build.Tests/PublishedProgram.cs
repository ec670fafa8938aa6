namespace Build.Tests;

/// <summary>
/// The product program for both arches as <c>./build.sh Publish</c> writes it to <c>.build/publish</c>, published once per
/// run in a copy of its own and given to the copies whose subject is not publishing it. The build reuses a publish only
/// when the stamp beside it (the project's files, the build files above it, the SDK, the version, the publish mode and
/// the NativeAOT linker's versions) equals the one it computes, so a copy with other sources, another version or another
/// mode publishes anew.
/// </summary>
internal static class PublishedProgram
{
    private static readonly Lazy<RepositoryCopy> Seed = new(Publish, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The copy that published it, published on first use; later callers wait for the first.</summary>
    public static RepositoryCopy Published() => Seed.Value;

    public static void Delete()
    {
        if (Seed.IsValueCreated)
            Seed.Value.Dispose();
    }

    private static RepositoryCopy Publish()
    {
        var copy = RepositoryCopy.Create("publish", SharedOutputs.BuildProject);
        var published = copy.BuildSh("Publish");
        Assert.That(published.ExitCode, Is.Zero, published.All);
        return copy;
    }
}
