using System.Text.Json;
using Docker.DotNet;

namespace Kiln.Docker;

internal static class DockerApiExceptionExtensions
{
    /// <summary>
    /// The daemon's own words: the <c>message</c> of its JSON error body, or the body itself when it is not JSON
    /// (proxies, and the failure lines of a streamed build).
    /// </summary>
    internal static string DaemonMessage(this DockerApiException error)
    {
        var body = error.ResponseBody?.Trim() ?? "";
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("message", out var message)
                && message.GetString() is { Length: > 0 } text)
                return text;
        }
        catch (JsonException)
        {
            // Not JSON: the body is the message.
        }
        return body.Length > 0 ? body : "(no message)";
    }
}
