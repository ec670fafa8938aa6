using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kiln.Docker;

/// <summary>One line of a streamed daemon response (build output, pull or import status).</summary>
internal sealed record JsonMessage
{
    /// <summary>Build output text, usually ending in a newline.</summary>
    [JsonPropertyName("stream")] public string? Stream { get; init; }

    [JsonPropertyName("status")] public string? Status { get; init; }

    [JsonPropertyName("id")] public string? Id { get; init; }

    [JsonPropertyName("progress")] public string? Progress { get; init; }

    [JsonPropertyName("error")] public string? Error { get; init; }

    [JsonPropertyName("errorDetail")] public JsonErrorDetail? ErrorDetail { get; init; }

    /// <summary>Structured extras, e.g. <c>{"ID":"sha256:…"}</c> at the end of a build.</summary>
    [JsonPropertyName("aux")] public JsonElement? Aux { get; init; }

    /// <summary>The failure this line reports, or null when it reports none.</summary>
    internal string? Failure => ErrorDetail?.Message ?? Error;
}

internal sealed record JsonErrorDetail
{
    [JsonPropertyName("code")] public int? Code { get; init; }

    [JsonPropertyName("message")] public string? Message { get; init; }
}
