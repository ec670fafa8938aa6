using Kiln.Targets.Fingerprints;
using Kiln.Processes;
using Kiln.Tools.Recipes;
using Kiln.Tools.Sources;

namespace Kiln.Caching.Remote;

/// <summary>
/// Verified packages on the remote cache, as content-addressed blobs: every file of a source package at
/// <c>cas/&lt;its sha256&gt;</c>, reached from the recipe's pinned <c>.dsc</c> digest, and a data recipe's <c>.deb</c> at
/// <c>cas/&lt;debSha256&gt;</c>. Nothing fetched is trusted: the store verifies it against the pins before publishing it.
/// </summary>
internal sealed class RemoteSourcePackages(RemoteCacheClient client, RemoteUploads uploads) : IRemoteSourcePackages
{
    public async Task<bool> TryFetchAsync(ToolRecipe recipe, string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var dsc = Path.Combine(directory, SourcePackageVerifier.DscFileName(recipe));
        // The .dsc names the other files: it is checked against the pin before a single name in it is used.
        if (!await TryFetchAsync(recipe.DscSha256, dsc, cancellationToken) || ContentHash.OfFile(dsc) != recipe.DscSha256)
            return false;
        foreach (var (name, sha256, _) in DscFile.Read(dsc).Files)
        {
            if (Path.GetFileName(name) != name || name is "." or "..")
                throw new InvalidDataException($"{recipe.Name}: the .dsc lists '{name}', which is not a plain file name");
            if (!await TryFetchAsync(sha256, Path.Combine(directory, name), cancellationToken))
                return false;
        }

        return true;
    }

    public async Task<bool> TryFetchAsync(DataRecipe recipe, string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var downloaded = Path.Combine(directory, recipe.BinaryPackage + ".download");
        if (!await TryFetchAsync(recipe.DebSha256, downloaded, cancellationToken) || ContentHash.OfFile(downloaded) != recipe.DebSha256)
            return false;
        var arch = (await ProcessRunner.CaptureAsync(["dpkg-deb", "--field", downloaded, "Architecture"], directory, cancellationToken)).Trim();
        File.Move(downloaded, Path.Combine(directory, $"{recipe.BinaryPackage}_{SourcePackageVerifier.WithoutEpoch(recipe.Version)}_{arch}.deb"));
        return true;
    }

    public void EnqueueUpload(string name, string packageDirectory, CancellationToken cancellationToken) =>
        uploads.Enqueue("source package", name, async token =>
        {
            var sent = new UploadedBlobs();
            var files = Directory.GetFiles(packageDirectory).OrderBy(f => f.EndsWith(".dsc", StringComparison.Ordinal)).ThenBy(f => f, StringComparer.Ordinal);
            foreach (var file in files)
            {
                var blob = RemoteEntries.BlobPath(ContentHash.OfFile(file));
                var size = new FileInfo(file).Length;
                if (await client.SizeAsync(blob, token) == size)
                    sent = sent.Skipped();
                else if (client.CanUpload && await client.PutAsync(blob, () => new StreamContent(File.OpenRead(file)), token))
                    sent = sent.Sent(size);
                else
                    return (UploadedBlobs?)null;
            }

            return sent;
        }, cancellationToken);

    private Task<bool> TryFetchAsync(string sha256, string path, CancellationToken cancellationToken) =>
        client.DownloadAsync(RemoteEntries.BlobPath(sha256), () => new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None), cancellationToken);
}
