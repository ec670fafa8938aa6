namespace Kiln.Processes;

/// <summary>
/// Reports on the calling thread, unlike <see cref="Progress{T}"/>, which posts to the thread pool and can
/// reorder lines of output.
/// </summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
