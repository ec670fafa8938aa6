using System.Text;
using Kiln.Targets.Fingerprints;

namespace Kiln.Dist;

/// <summary>
/// What a product publish is made of: the project's files (not its bin/ and obj/), the build files MSBuild finds above it
/// (Directory.Build.props, Directory.Packages.props, global.json, NuGet.config), the SDK version, and the publish's own
/// settings, with the versions of the C linker a NativeAOT publish links with. A publish whose recorded stamp equals the current one is reused: a warm Dist does not republish the same bytes.
/// </summary>
internal static class PublishStamp
{
    public const string FileName = ".kiln-publish-stamp";

    private static readonly string[] BuildFiles = ["Directory.Build.props", "Directory.Packages.props", "global.json", "NuGet.config"];

    public static string Compute(string projectFile, string sdkVersion, IEnumerable<string> settings)
    {
        var projectDirectory = Path.GetDirectoryName(Path.GetFullPath(projectFile))!;
        var lines = new List<string> { $"sdk {sdkVersion}" };
        lines.AddRange(settings.Select(setting => $"setting {setting}"));
        foreach (var file in ProjectFiles(projectDirectory).Concat(BuildFilesAbove(projectDirectory)))
            lines.Add($"{ContentHash.OfFile(file)} {Path.GetRelativePath(projectDirectory, file).Replace('\\', '/')}");
        return ContentHash.OfText(string.Join('\n', lines));
    }

    public static bool Matches(string outputDirectory, string stamp)
    {
        var file = Path.Combine(outputDirectory, FileName);
        return File.Exists(file) && File.ReadAllText(file, Encoding.UTF8) == stamp;
    }

    public static void Record(string outputDirectory, string stamp) => File.WriteAllText(Path.Combine(outputDirectory, FileName), stamp, Encoding.UTF8);

    private static IEnumerable<string> ProjectFiles(string projectDirectory) =>
        Directory.EnumerateFiles(projectDirectory, "*", SearchOption.AllDirectories)
            .Where(file => !Path.GetRelativePath(projectDirectory, file).Split(Path.DirectorySeparatorChar).Take(1).Any(top => top is "bin" or "obj"))
            .Order(StringComparer.Ordinal);

    private static IEnumerable<string> BuildFilesAbove(string projectDirectory)
    {
        for (var directory = Directory.GetParent(projectDirectory); directory is not null; directory = directory.Parent)
        {
            foreach (var name in BuildFiles)
            {
                var file = Path.Combine(directory.FullName, name);
                if (File.Exists(file))
                    yield return file;
            }
        }
    }
}
