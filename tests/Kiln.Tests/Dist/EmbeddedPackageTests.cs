using Kiln.Dist;

namespace Kiln.Tests.Dist;

public class EmbeddedPackageTests
{
    [Test]
    public void A_deps_file_yields_its_packages_and_runtime_packs_without_the_project()
    {
        using var scratch = new ScratchDirectory();
        var deps = scratch.Combine("sysreport.deps.json");
        File.WriteAllText(deps, """
            {
              "libraries": {
                "sysreport/1.2.3": { "type": "project" },
                "runtimepack.Microsoft.NETCore.App.Runtime.linux-x64/10.0.12": { "type": "runtimepack" },
                "Some.Library/2.0.1": { "type": "package" }
              }
            }
            """);

        var packages = EmbeddedPackage.ReadDepsFile(deps);

        Assert.That(packages, Is.EqualTo(new[]
        {
            new EmbeddedPackage("Microsoft.NETCore.App.Runtime.linux-x64", "10.0.12"),
            new EmbeddedPackage("Some.Library", "2.0.1"),
        }));
        Assert.That(packages[0].PackageUrl, Is.EqualTo("pkg:nuget/Microsoft.NETCore.App.Runtime.linux-x64@10.0.12"));
    }
}
