using Kiln.Signing;

namespace Kiln.Caching;

/// <summary>
/// The key a local store signs its own builds with when the build holds no team key, kept in the store's root and
/// readable by its owner only. A CI cache carries the store's scope folders, never this file, so entries restored that
/// way do not verify with it: a restored entry is trusted only when a committed key signed it.
/// </summary>
internal static class StoreSigningKey
{
    public const string FileName = ".store-signing-key.pem";

    /// <summary>The store's key, made on first use; null when the store can neither be read nor written (another user's): its entries then need a committed key.</summary>
    public static SigningKey? LoadOrCreate(string storeRoot)
    {
        var path = Path.Combine(storeRoot, FileName);
        try
        {
            if (!File.Exists(path))
                Create(path);
            return SigningKey.FromPem(File.ReadAllText(path), path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static void Create(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var key = SigningKey.Generate();
        var temporary = DurableFile.TemporaryPathFor(path);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var writer = new StreamWriter(path: temporary, options))
            writer.Write(key.ExportPem());
        try
        {
            // Two builds making the key at once: the first rename wins and both use its key.
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
        }
    }
}
