using Kiln.Targets.Configuration;

namespace Kiln.Targets.Tests.Configuration;

public sealed class GeneratedFilesTests
{
    private string _root = "";

    [SetUp]
    public void CreateRoot() => _root = SampleBuild.TemporaryDirectory();

    [TearDown]
    public void DeleteRoot() => Directory.Delete(_root, recursive: true);

    private string PathOf(string relativePath) => Path.Combine(_root, relativePath);

    private IReadOnlyList<GeneratedFileChange> Synchronize(BuildModel model, bool ci, TextWriter? log = null) =>
        GeneratedFiles.Synchronize(_root, model, ci, log ?? TextWriter.Null);

    [Test]
    public void Generated_files_cover_workflows_ide_configurations_and_the_schema()
    {
        var paths = GeneratedFiles.From(SampleBuild.Model()).Select(file => file.RelativePath).ToList();

        Assert.That(paths, Does.Contain(".github/workflows/build.yml").And.Contain(".github/workflows/release.yml")
            .And.Contain(".run/Dist.run.xml").And.Contain(".vscode/tasks.json").And.Contain(".vscode/launch.json")
            .And.Contain(".nuke/build.schema.json"));
        Assert.That(paths, Is.Unique);
    }

    [Test]
    public void Generating_twice_gives_identical_bytes()
    {
        var first = GeneratedFiles.From(SampleBuild.Model());
        var second = GeneratedFiles.From(SampleBuild.Model());

        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void Local_run_writes_missing_files_as_utf8_without_bom_and_says_which()
    {
        var log = new StringWriter();

        Synchronize(SampleBuild.Model(), ci: false, log);

        var workflow = File.ReadAllBytes(PathOf(".github/workflows/build.yml"));
        Assert.That(workflow.Take(3), Is.Not.EqualTo(new byte[] { 0xEF, 0xBB, 0xBF }));
        Assert.That(System.Text.Encoding.UTF8.GetString(workflow), Is.EqualTo(WorkflowGenerator.Generate(SampleBuild.BuildWorkflow(), SampleBuild.Model())));
        Assert.That(log.ToString(), Does.Contain("Created .github/workflows/build.yml").And.Contain("Created .nuke/build.schema.json"));
    }

    [Test]
    public void Up_to_date_files_are_left_alone_and_nothing_is_reported()
    {
        Synchronize(SampleBuild.Model(), ci: false);
        var log = new StringWriter();

        var changes = Synchronize(SampleBuild.Model(), ci: true, log);

        Assert.That(changes, Is.Empty);
        Assert.That(log.ToString(), Is.Empty);
    }

    [Test]
    public void Local_run_rewrites_a_file_whose_attribute_changed_and_says_so()
    {
        Synchronize(SampleBuild.Model(), ci: false);
        var changed = SampleBuild.BuildWorkflow();
        changed.TimeoutMinutes = 90;
        var log = new StringWriter();

        Synchronize(SampleBuild.Model(changed, SampleBuild.ReleaseWorkflow()), ci: false, log);

        Assert.That(File.ReadAllText(PathOf(".github/workflows/build.yml")), Does.Contain("timeout-minutes: 90"));
        Assert.That(log.ToString().Trim(), Is.EqualTo("Updated .github/workflows/build.yml"));
    }

    [Test]
    public void Under_CI_a_stale_file_fails_naming_it_with_a_diff_and_nothing_is_written()
    {
        Synchronize(SampleBuild.Model(), ci: false);
        var before = File.ReadAllText(PathOf(".github/workflows/build.yml"));
        var changed = SampleBuild.BuildWorkflow();
        changed.TimeoutMinutes = 90;

        var error = Assert.Throws<StaleGeneratedFilesException>(() => Synchronize(SampleBuild.Model(changed, SampleBuild.ReleaseWorkflow()), ci: true));

        Assert.That(error!.Message, Does.Contain(".github/workflows/build.yml (differs)")
            .And.Contain("-    timeout-minutes: 60").And.Contain("+    timeout-minutes: 90"));
        Assert.That(error.Changes.Select(change => change.RelativePath), Is.EqualTo(new[] { ".github/workflows/build.yml" }));
        Assert.That(File.ReadAllText(PathOf(".github/workflows/build.yml")), Is.EqualTo(before));
    }

    [Test]
    public void Under_CI_a_missing_file_fails_naming_it()
    {
        Synchronize(SampleBuild.Model(), ci: false);
        File.Delete(PathOf(".vscode/tasks.json"));

        var error = Assert.Throws<StaleGeneratedFilesException>(() => Synchronize(SampleBuild.Model(), ci: true));

        Assert.That(error!.Message, Does.Contain(".vscode/tasks.json (missing)"));
        Assert.That(File.Exists(PathOf(".vscode/tasks.json")), Is.False);
    }

    [Test]
    public void A_run_configuration_of_a_removed_target_is_deleted_locally_and_stale_under_CI()
    {
        Synchronize(SampleBuild.Model(), ci: false);
        var model = SampleBuild.Model();
        var withoutCompile = model with { Targets = model.Targets.Where(target => target.Name != "Compile").ToList() };

        var error = Assert.Throws<StaleGeneratedFilesException>(() => Synchronize(withoutCompile, ci: true));
        var changes = Synchronize(withoutCompile, ci: false);

        Assert.That(error!.Message, Does.Contain(".run/Compile.run.xml (no longer generated)"));
        Assert.That(changes, Has.One.Matches<GeneratedFileChange>(change => change.RelativePath == ".run/Compile.run.xml" && change.Kind == GeneratedFileChangeKind.Removed));
        Assert.That(File.Exists(PathOf(".run/Compile.run.xml")), Is.False);
    }

    [Test]
    public void Hand_written_neighbours_are_never_touched()
    {
        Synchronize(SampleBuild.Model(), ci: false);
        File.WriteAllText(PathOf(".run/Debug tests.run.xml"), "<component name=\"ProjectRunConfigurationManager\" />\n");
        File.WriteAllText(PathOf(".github/workflows/codeql.yml"), "on: push\n");

        var changes = Synchronize(SampleBuild.Model(), ci: true);

        Assert.That(changes, Is.Empty);
        Assert.That(File.Exists(PathOf(".run/Debug tests.run.xml")) && File.Exists(PathOf(".github/workflows/codeql.yml")), Is.True);
    }

    [Test]
    public void A_checkout_with_CRLF_line_endings_is_not_stale()
    {
        Synchronize(SampleBuild.Model(), ci: false);
        var path = PathOf(".github/workflows/release.yml");
        File.WriteAllText(path, File.ReadAllText(path).ReplaceLineEndings("\r\n"));

        Assert.That(Synchronize(SampleBuild.Model(), ci: true), Is.Empty);
    }

    [Test]
    public void Two_workflows_with_the_same_name_are_refused_naming_it()
    {
        var error = Assert.Throws<InvalidBuildConfigurationException>(() =>
            GeneratedFiles.From(SampleBuild.Model(SampleBuild.BuildWorkflow(), SampleBuild.BuildWorkflow())));

        Assert.That(error!.Message, Does.Contain("[GitHubActions(\"build\")]"));
    }

    [Test]
    public void A_run_that_fails_on_an_invalid_attribute_writes_nothing()
    {
        var invalid = SampleBuild.BuildWorkflow();
        invalid.InvokedTargets = ["Dsit"];

        Assert.Throws<InvalidBuildConfigurationException>(() => Synchronize(SampleBuild.Model(invalid), ci: false));

        Assert.That(Directory.EnumerateFileSystemEntries(_root), Is.Empty);
    }
}
