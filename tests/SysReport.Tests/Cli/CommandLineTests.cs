using SysReport.Cli;

namespace SysReport.Tests.Cli;

public class CommandLineTests
{
    [Test]
    public void No_arguments_ask_for_the_text_report() =>
        Assert.That(CommandLine.Parse([]), Is.EqualTo(new CommandLineOptions(CommandMode.Report)));

    [Test]
    public void Report_options_combine()
    {
        var options = CommandLine.Parse(["--json", "--bench", "--load", "30"]);

        Assert.That(options, Is.EqualTo(new CommandLineOptions(CommandMode.Report, Json: true, Bench: true, LoadSeconds: 30)));
    }

    [Test]
    public void Load_accepts_the_equals_form() =>
        Assert.That(CommandLine.Parse(["--load=5"]).LoadSeconds, Is.EqualTo(5));

    [Test]
    public void Help_wins_over_everything_else() =>
        Assert.That(CommandLine.Parse(["--bogus", "--help"]).Mode, Is.EqualTo(CommandMode.Help));

    [TestCase(new[] { "--bogus" }, "unknown option '--bogus'")]
    [TestCase(new[] { "report" }, "unknown option 'report'")]
    [TestCase(new[] { "--load" }, "--load needs a number of seconds")]
    [TestCase(new[] { "--load", "ten" }, "not 'ten'")]
    [TestCase(new[] { "--load", "0" }, "from 1 to 3600")]
    [TestCase(new[] { "--load=-3" }, "not '-3'")]
    [TestCase(new[] { "--tools", "--bench" }, "--tools cannot be combined")]
    public void Invalid_arguments_are_usage_errors_that_say_what_is_wrong(string[] args, string message) =>
        Assert.That(() => CommandLine.Parse(args), Throws.TypeOf<UsageException>().With.Message.Contains(message));
}
