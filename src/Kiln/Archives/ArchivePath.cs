namespace Kiln.Archives;

/// <summary>Archive paths are relative, <c>/</c>-separated, without <c>.</c> components or a trailing slash.</summary>
internal static class ArchivePath
{
    public static string Normalize(string path)
    {
        var parts = path.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Where(part => part != ".")
            .ToArray();
        if (parts.Length == 0)
            throw new ArgumentException($"'{path}' is not a path inside an archive.", nameof(path));
        return string.Join('/', parts);
    }

    public static string Join(string? prefix, string path) =>
        string.IsNullOrEmpty(prefix) ? path : Normalize(prefix) + "/" + path;

    public static string? Parent(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? null : path[..slash];
    }
}
