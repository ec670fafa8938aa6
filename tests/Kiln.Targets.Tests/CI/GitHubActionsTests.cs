using Kiln.Targets.Foundation;


namespace Kiln.Targets.Tests.CI;

public sealed class GitHubActionsTests
{
    [Test]
    public void Error_escapes_percent_and_line_breaks_in_the_message_and_colon_and_comma_in_the_title()
    {
        var command = GitHubActions.Error("Target Dist failed: x86_64, aarch64", "100% broken\r\nsee: log");

        Assert.That(command, Is.EqualTo("::error title=Target Dist failed%3A x86_64%2C aarch64::100%25 broken%0D%0Asee: log"));
    }

    [Test]
    public void The_host_is_detected_only_when_GITHUB_ACTIONS_is_true()
    {
        Assert.That(GitHubActions.Detect(new Dictionary<string, string> { ["GITHUB_ACTIONS"] = "true" }), Is.Not.Null);
        Assert.That(GitHubActions.Detect(new Dictionary<string, string> { ["CI"] = "true" }), Is.Null);
    }

    [TestCase("true", true)]
    [TestCase("1", true)]
    [TestCase("false", false)]
    [TestCase("", false)]
    public void CI_is_detected_from_the_CI_variable(string value, bool expected)
    {
        Assert.That(GitHubActions.IsContinuousIntegration(new Dictionary<string, string> { ["CI"] = value }), Is.EqualTo(expected));
    }

    [Test]
    public void Outputs_and_environment_variables_are_appended_as_name_value_lines_to_their_files()
    {
        var directory = Directory.CreateTempSubdirectory("kiln-github-");
        try
        {
            var output = Path.Combine(directory.FullName, "output");
            var env = Path.Combine(directory.FullName, "env");
            File.WriteAllText(output, "earlier=1\n");
            var host = GitHubActions.Detect(new Dictionary<string, string>
            {
                ["GITHUB_ACTIONS"] = "true",
                ["GITHUB_OUTPUT"] = output,
                ["GITHUB_ENV"] = env,
            })!;

            host.SetOutput("fingerprint-x86_64", "3f2a9c01");
            host.SetEnvironmentVariable("TOOLS_CACHE_HIT", "true");

            Assert.That(File.ReadAllText(output), Is.EqualTo("earlier=1\nfingerprint-x86_64=3f2a9c01\n"));
            Assert.That(File.ReadAllText(env), Is.EqualTo("TOOLS_CACHE_HIT=true\n"));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Test]
    public void A_step_summary_section_is_appended_after_what_earlier_steps_wrote_and_ends_with_a_blank_line()
    {
        var directory = Directory.CreateTempSubdirectory("kiln-github-");
        try
        {
            var summary = Path.Combine(directory.FullName, "summary");
            File.WriteAllText(summary, "### Earlier\n\n");
            var host = GitHubActions.Detect(new Dictionary<string, string> { ["GITHUB_ACTIONS"] = "true", ["GITHUB_STEP_SUMMARY"] = summary })!;

            host.AppendToStepSummary("| a |\n|---|\n| 1 |\n");

            Assert.That(File.ReadAllText(summary), Is.EqualTo("### Earlier\n\n| a |\n|---|\n| 1 |\n\n"));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Test]
    public void Without_a_summary_file_nothing_is_written()
    {
        var host = GitHubActions.Detect(new Dictionary<string, string> { ["GITHUB_ACTIONS"] = "true" })!;

        Assert.DoesNotThrow(() => host.AppendToStepSummary("### Tests\n"));
    }

    [Test]
    public void Markdown_escaping_keeps_a_cell_one_cell_and_one_row_and_shows_markup_as_text()
    {
        var escaped = GitHubActions.EscapeMarkdown("a | b\r\nline two\n<script> *bold* `code`");

        Assert.That(escaped, Is.EqualTo("a \\| b<br>line two<br>\\<script\\> \\*bold\\* \\`code\\`"));
    }

    [Test]
    public void A_multi_line_value_is_refused_rather_than_written_as_two_lines()
    {
        var host = GitHubActions.Detect(new Dictionary<string, string> { ["GITHUB_ACTIONS"] = "true" })!;

        Assert.Throws<ArgumentException>(() => host.SetOutput("summary", "one\ntwo"));
    }
}
