using System.Globalization;
using System.Net;

namespace Kiln.Caching.Remote;

/// <summary>
/// The warning for an upload the server refused (413, 507 or another 4xx but 401 and 403): what it refused and what to
/// change on the server. Retrying would be refused the same way, and the fix is the server owner's, so the warning has
/// to name it: a bare "413" sent teams searching for a client setting that does not exist.
/// </summary>
internal static class UploadRefusal
{
    /// <summary>The nginx configuration the README recommends, where each fix below is already made.</summary>
    private const string ShippedConfiguration = "server/nginx-remote-cache.conf";

    public static bool Refuses(HttpStatusCode status) =>
        status is HttpStatusCode.InsufficientStorage
        || ((int)status is >= 400 and < 500 && status is not (HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests));

    /// <param name="operation">The request, e.g. <c>PUT cas/…</c>.</param>
    /// <param name="status">The status the server answered.</param>
    /// <param name="answered">The status as printed, with its reason phrase.</param>
    /// <param name="size">The body's size in bytes, when known.</param>
    public static string Describe(string operation, HttpStatusCode status, string answered, long? size)
    {
        var fix = status switch
        {
            HttpStatusCode.RequestEntityTooLarge =>
                $"raise the server's request body limit (nginx: client_max_body_size, 1m unless set; {ShippedConfiguration} sets 1g)",
            HttpStatusCode.InsufficientStorage => "free or grow the disk that holds the cache on the server",
            _ => $"make the server accept PUT under the cache's URL (nginx: dav_methods PUT and create_full_put_path on, as in {ShippedConfiguration})",
        };
        return $"{operation}: the server refused an upload{(size is { } bytes ? " of " + Size(bytes) : "")} with {answered}: {fix}";
    }

    private static string Size(long bytes) =>
        bytes < 1024 * 1024 ? $"{bytes} bytes" : string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024.0:0.0} MB");
}
