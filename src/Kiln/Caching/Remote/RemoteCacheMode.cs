namespace Kiln.Caching.Remote;

/// <summary>What a build may do with the remote tools cache (<c>--remote-cache-mode</c>).</summary>
internal enum RemoteCacheMode
{
    /// <summary>Restore only: an untrusted build (a pull request) can never put an entry others would use.</summary>
    Read,

    /// <summary>Restore, and upload the entries this build creates.</summary>
    ReadWrite,
}
