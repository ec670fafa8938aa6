namespace Kiln.Dist;

/// <summary>The names of the release's files, in one place.</summary>
internal static class ReleaseFiles
{
    public const string Product = "sysreport";
    public const string Sources = "oss_source.tgz";
    public const string Sha256Sums = "SHA256SUMS";
    public const string Md5Suffix = ".md5.txt";

    /// <summary>x86_64 keeps PerfSpect's plain name; other arches carry theirs.</summary>
    public static string ArchiveName(string arch) => arch == "x86_64" ? $"{Product}.tgz" : $"{Product}-{arch}.tgz";
}
