using Kiln.Targets.Foundation;

namespace Kiln.Tools.Sources;

internal sealed partial class SourcePackageStore
{
    /// <summary>
    /// Publishes each of <paramref name="missing"/> the remote cache holds, verified against its pin exactly like an apt
    /// download; returns those still missing. A package the remote serves damaged is a warning, then apt's job.
    /// </summary>
    private async Task<List<T>> FetchFromRemoteAsync<T>(
        List<T> missing,
        Func<T, (string Target, string Name, string What)> describe,
        Func<T, string, Task<bool>> fetch,
        Action<T, string> verify)
    {
        if (Remote is null || missing.Count == 0)
            return missing;
        var stillMissing = new List<T>();
        foreach (var recipe in missing)
        {
            var (target, name, what) = describe(recipe);
            var scratch = Path.Combine(Root, $".partial-{Guid.NewGuid():N}");
            try
            {
                var package = Path.Combine(scratch, name);
                if (await fetch(recipe, package))
                {
                    verify(recipe, package);
                    Publish(package, target);
                    log.WriteLine($"{name}: {what} from the remote cache, verified");
                    continue;
                }
            }
            catch (Exception e) when (e is SourceVerificationException or FileNotFoundException or InvalidDataException or BuildException)
            {
                log.WriteLine($"warning: {name}: the remote cache's {what} was refused ({e.Message}); asking apt");
            }
            finally
            {
                DeleteIfExists(scratch);
            }

            stillMissing.Add(recipe);
        }

        return stillMissing;
    }
}
