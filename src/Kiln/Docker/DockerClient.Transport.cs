using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kiln.Docker;

internal sealed partial class DockerClient
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>
    /// Sends a request and returns the response once its headers arrived and its status is a success;
    /// failures become typed exceptions carrying the daemon's message.
    /// </summary>
    internal async Task<HttpResponseMessage> SendAsync(
        HttpMethod method,
        string path,
        HttpContent? content,
        NotFoundMeaning notFound,
        CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException e) when (e.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError)
        {
            throw new DockerDaemonUnreachableException(Endpoint, e);
        }
        if (response.IsSuccessStatusCode)
            return response;
        using (response)
            throw await ToExceptionAsync(response, notFound, cancellationToken);
    }

    internal async Task<T> SendForJsonAsync<T>(
        HttpMethod method,
        string path,
        object? body,
        NotFoundMeaning notFound,
        CancellationToken cancellationToken)
    {
        using var response = await SendAsync(method, path, ToJsonContent(body), notFound, cancellationToken);
        return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken)
            ?? throw new DockerApiException(response.StatusCode, $"empty answer to {method} {path}");
    }

    internal async Task SendAndDiscardAsync(
        HttpMethod method,
        string path,
        object? body,
        NotFoundMeaning notFound,
        CancellationToken cancellationToken)
    {
        using var response = await SendAsync(method, path, ToJsonContent(body), notFound, cancellationToken);
        await response.Content.CopyToAsync(Stream.Null, cancellationToken);
    }

    /// <summary>
    /// Sends a request whose answer is a stream of JSON lines (build, import, pull), reports every line, and
    /// throws when a line carries an error: the daemon reports a failed build with HTTP 200.
    /// </summary>
    internal async Task<IReadOnlyList<JsonMessage>> SendForJsonLinesAsync(
        HttpMethod method,
        string path,
        HttpContent? content,
        NotFoundMeaning notFound,
        IProgress<JsonMessage>? progress,
        CancellationToken cancellationToken)
    {
        using var response = await SendAsync(method, path, content, notFound, cancellationToken);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var reader = new StreamReader(stream);
        var messages = new List<JsonMessage>();
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
                continue;
            var message = JsonSerializer.Deserialize<JsonMessage>(line, Json)
                ?? throw new DockerApiException(response.StatusCode, $"unreadable progress line: {line}");
            progress?.Report(message);
            if (message.Failure is { } failure)
                throw new DockerApiException(response.StatusCode, failure.TrimEnd());
            messages.Add(message);
        }
        return messages;
    }

    internal static HttpContent? ToJsonContent(object? body) =>
        body is null ? null : JsonContent.Create(body, body.GetType(), options: Json);

    internal static HttpContent TarContent(Stream tar)
    {
        var content = new StreamContent(tar);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-tar");
        return content;
    }

    private static async Task<Exception> ToExceptionAsync(
        HttpResponseMessage response, NotFoundMeaning notFound, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var message = ReadDaemonMessage(body);
        return response.StatusCode switch
        {
            HttpStatusCode.NotFound when notFound == NotFoundMeaning.Image => new DockerImageNotFoundException(message),
            HttpStatusCode.NotFound when notFound == NotFoundMeaning.Container => new DockerContainerNotFoundException(message),
            _ => new DockerApiException(response.StatusCode, message),
        };
    }

    private static string ReadDaemonMessage(string body)
    {
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
            // Proxies and old daemons answer in plain text; the body itself is the message then.
        }
        return body.Trim() is { Length: > 0 } trimmed ? trimmed : "(no message)";
    }
}
