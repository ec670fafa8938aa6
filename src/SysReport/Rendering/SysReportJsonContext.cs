using System.Text.Json.Serialization;
using SysReport.Report;

namespace SysReport.Rendering;

/// <summary>Source-generated serialization: the app stays trim-safe without reflection.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(SystemReport))]
[JsonSerializable(typeof(ToolsReport))]
internal sealed partial class SysReportJsonContext : JsonSerializerContext;
