using System.Net;
using System.Net.Http.Headers;

namespace Kiln.Caching.Remote;

internal sealed partial class RemoteCacheClient
{
    /// <summary>Restarts the wait for the next byte; a stream that stalls longer than ReadTimeout is a timeout.</summary>
    private delegate void IdleTimer();

    /// <summary>
    /// One request with retries. <paramref name="onSuccess"/> reads a 2xx response; 404 to a GET or HEAD is "not there"
    /// (false); timeouts, broken connections, stalls, truncated bodies and 5xx but 507 are retried; an upload the server
    /// refuses, or one still failing after the retries, turns off uploads (<see cref="UploadRefusal"/>); anything else
    /// turns the client off. Only the caller's cancellation escapes as an exception.
    /// </summary>
    private async Task<bool> SendAsync(
        HttpMethod method,
        string path,
        Func<HttpContent>? content,
        Func<HttpResponseMessage, IdleTimer, CancellationToken, Task<bool>> onSuccess,
        CancellationToken cancellationToken)
    {
        var operation = $"{method} {path}";
        var upload = content is not null;
        for (var attempt = 1; ; attempt++)
        {
            if (!IsOn || (upload && !CanUpload))
                return false;
            string failure;
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            void Restart() => deadline.CancelAfter(_options.ReadTimeout);
            Restart();
            try
            {
                using var request = new HttpRequestMessage(method, path) { Content = content is null ? null : new IdleResettingContent(content(), Restart) };
                if (_options.Credential is { } credential)
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credential.Value);
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
                var status = (int)response.StatusCode;
                if (response.StatusCode == HttpStatusCode.NotFound && !upload)
                    return false;
                if (response.IsSuccessStatusCode)
                {
                    Restart();
                    return await onSuccess(response, Restart, deadline.Token);
                }

                if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                {
                    TurnOff($"{operation}: the server answered {Describe(response)} (check {CredentialAdvice()})");
                    return false;
                }

                if (upload && UploadRefusal.Refuses(response.StatusCode))
                {
                    StopUploads(UploadRefusal.Describe(operation, response.StatusCode, Describe(response), request.Content?.Headers.ContentLength));
                    return false;
                }

                if (status is >= 500 or 429 or 408)
                {
                    failure = $"{operation}: the server answered {Describe(response)}";
                }
                else
                {
                    TurnOff($"{operation}: the server answered {Describe(response)}");
                    return false;
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                failure = $"{operation}: no answer within {_options.ReadTimeout.TotalSeconds:0.#} s";
            }
            catch (Exception exception) when (exception is HttpRequestException or IOException)
            {
                failure = $"{operation}: {Innermost(exception)}";
            }
            catch (InvalidDataException exception)
            {
                TurnOff(exception.Message);
                return false;
            }

            if (attempt > _options.Retries)
            {
                // A server that cannot take an upload may still serve restores (a full disk answers PUTs with 500).
                if (upload)
                    StopUploads($"{failure} ({attempt} attempts)");
                else
                    TurnOff($"{failure} ({attempt} attempts)");
                return false;
            }

            await Task.Delay(_options.Backoff * Math.Pow(2, attempt - 1), cancellationToken);
        }
    }

    private static async Task CopyAsync(Stream source, Stream destination, IdleTimer idle, CancellationToken cancellationToken, long maxBytes = long.MaxValue)
    {
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
            if (total > maxBytes)
                throw new InvalidDataException($"the server sent more than the {maxBytes} bytes a cache document can have");
            await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            idle();
        }
    }

    private static string Describe(HttpResponseMessage response) =>
        $"{(int)response.StatusCode}{(string.IsNullOrEmpty(response.ReasonPhrase) ? "" : " " + response.ReasonPhrase)}";

    private static string Innermost(Exception exception)
    {
        var messages = new List<string>();
        for (var e = exception; e is not null; e = e.InnerException)
            messages.Add(e.Message);
        return string.Join(": ", messages.Distinct());
    }
}
