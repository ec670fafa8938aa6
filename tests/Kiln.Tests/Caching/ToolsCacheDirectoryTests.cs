using Kiln.Caching;
using Kiln.Targets;
using Kiln.Targets.Foundation;

namespace Kiln.Tests.Caching;

public class ToolsCacheDirectoryTests
{
    private static readonly ParameterName CacheDirectoryParameter = BuildParameters.Named("ToolsCacheDir");

    [Test]
    public void A_file_is_refused_naming_the_parameter_and_the_path()
    {
        using var temp = new ScratchDirectory();
        var file = temp.Write("somefile", "not a cache");

        var error = Assert.Throws<BuildException>(() => ToolsCacheDirectory.Checked(file, CacheDirectoryParameter));

        Assert.That(error!.Message, Does.StartWith("--tools-cache-dir: ").And.Contain($"{file} is a file, not a directory"));
    }

    [Test]
    public void A_file_given_with_a_trailing_separator_is_refused_as_a_file()
    {
        using var temp = new ScratchDirectory();
        var file = temp.Write("somefile", "not a cache");

        var error = Assert.Throws<BuildException>(() => ToolsCacheDirectory.Checked(file + Path.DirectorySeparatorChar, CacheDirectoryParameter));

        Assert.That(error!.Message, Does.Contain($"{file} is a file, not a directory"));
    }

    [Test]
    public void A_path_through_a_file_is_refused_naming_that_file()
    {
        using var temp = new ScratchDirectory();
        var file = temp.Write("somefile", "not a cache");
        var path = Path.Combine(file, "nested", "cache");

        var error = Assert.Throws<BuildException>(() => ToolsCacheDirectory.Checked(path, CacheDirectoryParameter));

        Assert.That(error!.Message, Does.StartWith("--tools-cache-dir: ").And.Contain($"{path} goes through the file {file}"));
    }

    [Test]
    public void A_directory_that_does_not_exist_yet_is_accepted_and_not_created()
    {
        using var temp = new ScratchDirectory();
        var path = temp.Combine("not", "yet", "cache");

        var checkedPath = ToolsCacheDirectory.Checked(path, CacheDirectoryParameter);

        Assert.That(checkedPath, Is.EqualTo(path));
        Assert.That(Directory.Exists(temp.Combine("not")), Is.False);
    }

    [Test]
    public void An_existing_directory_is_accepted_as_its_full_path()
    {
        using var temp = new ScratchDirectory();
        Directory.CreateDirectory(temp.Combine("cache"));

        var checkedPath = ToolsCacheDirectory.Checked(temp.Combine("cache") + Path.DirectorySeparatorChar, CacheDirectoryParameter);

        Assert.That(checkedPath, Is.EqualTo(temp.Combine("cache")));
    }
}
