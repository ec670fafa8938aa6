namespace Kiln.Caching.Remote;

/// <summary>
/// One key, two sets of bytes: the archive the remote cache holds for (<paramref name="Scope"/>,
/// <paramref name="Fingerprint"/>) and the one this build made from the same inputs.
/// </summary>
/// <param name="Scope">The arch, or arch and tool (<c>x86_64.fio</c>).</param>
internal sealed record Divergence(string Scope, string Fingerprint, string KeptSha256, string BuiltSha256)
{
    public override string ToString() =>
        $"{Scope} {Fingerprint[..12]}: same key, different bytes: the server holds archive SHA-256 {KeptSha256}, this build made {BuiltSha256}; the recipe does not build reproducibly";
}
