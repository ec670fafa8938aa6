using Kiln.Caching.Remote;
using Kiln.Pipeline;
using Kiln.Targets;

namespace Kiln.Tests;

/// <summary>The parameter names of this repository's build, for the settings the tests construct as build/ does.</summary>
internal static class BuildParameters
{
    public static ParameterName Named(string name) => new(name, "KILN");

    public static RemoteCacheParameters RemoteCache { get; } = new(Named("RemoteCache"), Named("RemoteCacheMode"));

    public static ToolsParameterNames Tools { get; } = new(Named("Arch"), Named("Tools"), Named("Jobs"), Named("ToolsCacheDir"),
        Named("SkipToolsCache"), Named("RequireToolsCacheHit"), Named("CheckReproducible"), RemoteCache);
}
