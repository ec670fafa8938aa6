using Kiln.Caching.Remote;
using Kiln.Targets;

namespace Kiln.Pipeline;

/// <summary>How the build names the parameters the tools stages point a user to, so no message spells a flag itself.</summary>
internal sealed record ToolsParameterNames(
    ParameterName Architectures,
    ParameterName Tools,
    ParameterName Jobs,
    ParameterName CacheDirectory,
    ParameterName SkipCache,
    ParameterName RequireHit,
    ParameterName CheckReproducible,
    RemoteCacheParameters RemoteCache);
