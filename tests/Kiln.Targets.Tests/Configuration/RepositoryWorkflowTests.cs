namespace Kiln.Targets.Tests.Configuration;

/// <summary>The workflows this repository commits, generated from build/Build.cs, as GitHub will read them.</summary>
public class RepositoryWorkflowTests
{
    private static string[] CommittedWorkflows() =>
        Directory.GetFiles(Path.Combine(Actionlint.RepositoryRoot(), ".github", "workflows"), "*.yml").Order(StringComparer.Ordinal).ToArray();

    [Test]
    public void The_repository_commits_a_build_and_a_release_workflow()
    {
        Assert.That(CommittedWorkflows().Select(Path.GetFileName), Is.EqualTo(new[] { "build.yml", "release.yml" }));
    }

    [Test]
    public void Every_committed_workflow_passes_actionlint_with_no_problem()
    {
        var problems = Actionlint.Lint(CommittedWorkflows());

        Assert.That(problems, Is.Empty, string.Join("\n", problems));
    }

    [Test]
    public void Committed_workflows_key_the_tools_cache_by_arch_without_restore_keys()
    {
        foreach (var file in CommittedWorkflows())
        {
            var text = File.ReadAllText(file);

            Assert.That(text, Does.Contain("key: tools-${{ matrix.arch }}-${{ steps.tools-fingerprint.outputs.fingerprint }}"), file);
            Assert.That(text, Does.Contain("path: tools-cache/${{ matrix.arch }}"), file);
            Assert.That(text, Does.Not.Contain("restore-keys"), file);
        }
    }
}
