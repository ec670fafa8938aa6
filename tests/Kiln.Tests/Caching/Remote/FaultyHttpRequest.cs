namespace Kiln.Tests.Caching.Remote;

/// <summary>
/// A request as <see cref="FaultyHttpServer"/> received it. <paramref name="Index"/> counts the requests before it
/// (from 0), so a handler can script a sequence, such as failing the first two and answering the third.
/// </summary>
internal sealed record FaultyHttpRequest(int Index, string Method, string Path, string? Authorization, byte[] Body);
