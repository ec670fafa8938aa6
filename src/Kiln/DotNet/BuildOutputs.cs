namespace Kiln.DotNet;

/// <summary>What <c>Clean</c> removes: everything the build produces, never sources or the tools cache.</summary>
internal static class BuildOutputs
{
    public static void Clean(CheckoutLayout layout)
    {
        foreach (var folder in layout.ProjectFolders.Where(Directory.Exists))
        {
            foreach (var output in Directory.EnumerateDirectories(folder, "*", SearchOption.AllDirectories)
                         .Where(d => Path.GetFileName(d) is "bin" or "obj")
                         .ToList())
            {
                if (Directory.Exists(output))
                    Directory.Delete(output, recursive: true);
            }
        }

        foreach (var folder in new[] { layout.BuildDirectory, layout.DistDirectory }.Where(Directory.Exists))
            Directory.Delete(folder, recursive: true);
    }
}
