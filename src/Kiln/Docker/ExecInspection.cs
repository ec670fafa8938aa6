namespace Kiln.Docker;

/// <summary>The part of <c>GET /exec/{id}/json</c> that says whether and how the command ended.</summary>
internal sealed record ExecInspection(bool Running, long? ExitCode);
