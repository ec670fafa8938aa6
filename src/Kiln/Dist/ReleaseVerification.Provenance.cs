using System.Text.Json;
using Kiln.Signing;

namespace Kiln.Dist;

internal sealed partial class ReleaseVerification
{
    /// <summary>
    /// The envelope's signature against the trusted keys (with none, it is not checked), the provenance file against the
    /// envelope's payload, and the provenance's subjects against SHA256SUMS's lines and the files. Returns what was checked.
    /// </summary>
    private string CheckProvenance(IReadOnlyList<(string Name, string Sha256)> sums)
    {
        var envelopePath = Path.Combine(dist, Provenance.EnvelopeFileName);
        var statement = ReadBytes(Provenance.FileName);
        string signature;
        if (!File.Exists(envelopePath))
        {
            if (trusted.AreConfigured)
                Problem(Provenance.EnvelopeFileName, $"is missing: the release is not signed, and keys are trusted ({string.Join(", ", trusted.Keys.Select(k => k.Name))})");
            signature = "provenance: unsigned";
        }
        else
        {
            signature = CheckEnvelope(envelopePath, statement);
        }

        if (statement is not null)
            CheckSubjects(statement, sums);
        return signature;
    }

    private string CheckEnvelope(string envelopePath, byte[]? statement)
    {
        DsseEnvelope envelope;
        try
        {
            envelope = DsseEnvelope.FromJson(File.ReadAllText(envelopePath));
        }
        catch (InvalidDataException exception)
        {
            Problem(Provenance.EnvelopeFileName, exception.Message);
            return "provenance: envelope unreadable";
        }

        if (envelope.PayloadType != DsseEnvelope.InTotoPayloadType)
            Problem(Provenance.EnvelopeFileName, $"its payload type is '{envelope.PayloadType}', not '{DsseEnvelope.InTotoPayloadType}'");
        if (statement is not null && !envelope.Payload.AsSpan().SequenceEqual(statement))
            Problem(Provenance.FileName, $"differs from the statement {Provenance.EnvelopeFileName} signs");
        if (!trusted.AreConfigured)
            return "provenance: signature not checked (no trusted keys)";
        if (envelope.Problem(trusted) is { } problem)
            Problem(Provenance.EnvelopeFileName, problem);
        return $"provenance: signed by {string.Join(", ", envelope.Signatures.Select(s => trusted.Keys.FirstOrDefault(k => k.KeyId == s.KeyId)?.Name ?? s.KeyId))}";
    }

    /// <summary>The statement's subjects are SHA256SUMS's lines, and each names the file's digest.</summary>
    private void CheckSubjects(byte[] statement, IReadOnlyList<(string Name, string Sha256)> sums)
    {
        List<(string Name, string Sha256)> subjects;
        try
        {
            using var document = JsonDocument.Parse(statement);
            subjects = document.RootElement.GetProperty("subject").EnumerateArray()
                .Select(s => (s.GetProperty("name").GetString() ?? "", s.GetProperty("digest").GetProperty("sha256").GetString() ?? ""))
                .ToList();
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            Problem(Provenance.FileName, $"is no in-toto statement with subjects: {exception.Message}");
            return;
        }

        foreach (var (name, sha256) in subjects)
        {
            if (Digest(name) is not { } actual)
                Problem(Provenance.FileName, $"names the subject {name}, which the release lacks");
            else if (actual != sha256)
                Problem(name, $"its SHA-256 is {actual}, the provenance's subject says {sha256}");
        }

        foreach (var (name, _) in sums.Where(line => subjects.All(s => s.Name != line.Name)))
            Problem(Provenance.FileName, $"has no subject for {name}, which {ReleaseFiles.Sha256Sums} lists");
    }

    private byte[]? ReadBytes(string name)
    {
        var path = Path.Combine(dist, name);
        if (File.Exists(path))
            return File.ReadAllBytes(path);
        Problem(name, "is missing");
        return null;
    }
}
