using Kiln.Dist;

namespace Kiln.Tests.Dist;

public class PublishStampTests
{
    [Test]
    public void Build_outputs_of_the_project_do_not_change_the_stamp()
    {
        using var temp = new ScratchDirectory();
        var project = temp.Write("src/App/App.csproj", "<Project />");
        var before = PublishStamp.Compute(project, "10.0.401", ["Version=1.0"]);

        temp.Write("src/App/obj/project.assets.json", "{}");
        temp.Write("src/App/bin/Release/app.dll", "binary");

        Assert.That(PublishStamp.Compute(project, "10.0.401", ["Version=1.0"]), Is.EqualTo(before));
    }

    [Test]
    public void A_source_edit_a_build_file_above_the_project_the_sdk_or_a_setting_changes_the_stamp()
    {
        using var temp = new ScratchDirectory();
        var project = temp.Write("src/App/App.csproj", "<Project />");
        var original = PublishStamp.Compute(project, "10.0.401", ["Version=1.0"]);

        temp.Write("src/App/Program.cs", "class P {}");
        var edited = PublishStamp.Compute(project, "10.0.401", ["Version=1.0"]);
        temp.Write("Directory.Packages.props", "<Project />");
        var packages = PublishStamp.Compute(project, "10.0.401", ["Version=1.0"]);

        Assert.That(new[] { original, edited, packages, PublishStamp.Compute(project, "10.0.402", ["Version=1.0"]),
            PublishStamp.Compute(project, "10.0.401", ["Version=1.1"]) }, Is.Unique);
    }

    [Test]
    public void Only_a_recorded_equal_stamp_matches()
    {
        using var temp = new ScratchDirectory();

        var before = PublishStamp.Matches(temp.Path, "abc");
        PublishStamp.Record(temp.Path, "abc");

        Assert.That(before, Is.False);
        Assert.That(PublishStamp.Matches(temp.Path, "abc"), Is.True);
        Assert.That(PublishStamp.Matches(temp.Path, "abd"), Is.False);
    }
}
