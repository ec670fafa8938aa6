namespace Build.Tests.Workflows;

/// <summary>The simulation's expression subset behaves as GitHub's does for the forms the generated workflow uses.</summary>
public class WorkflowExpressionTests
{
    private static ExpressionContext Context(string? cacheHit = null, string outcome = "success", bool failed = false)
    {
        var cache = new StepRecord("Restore", "cache");
        if (cacheHit is not null)
            cache.Outputs["cache-hit"] = cacheHit;
        return new ExpressionContext
        {
            Matrix = new Dictionary<string, string> { ["arch"] = "aarch64" },
            GitHub = new Dictionary<string, string> { ["ref"] = "refs/tags/v1.0.0", ["run_id"] = "42" },
            Runner = new Dictionary<string, string>(),
            Steps = new Dictionary<string, StepRecord> { ["cache"] = cache, ["build"] = new("Build", "build") { Outcome = outcome } },
            Needs = new Dictionary<string, JobRecord>(),
            Failed = failed,
        };
    }

    [TestCase("true", "./build.sh Tools --arch aarch64 --hit")]
    [TestCase("false", "./build.sh Tools --arch aarch64")]
    [TestCase(null, "./build.sh Tools --arch aarch64")]
    public void A_conditional_switch_appears_only_on_an_exact_hit(string? cacheHit, string expected)
    {
        var text = WorkflowExpression.Interpolate(
            "./build.sh Tools --arch ${{ matrix.arch }}${{ steps.cache.outputs.cache-hit == 'true' && ' --hit' || '' }}", Context(cacheHit));

        Assert.That(text, Is.EqualTo(expected));
    }

    [TestCase("success", "k")]
    [TestCase("failure", "k-partial-42")]
    public void Format_builds_a_key_suffix_from_the_run_id(string outcome, string expected)
    {
        var key = WorkflowExpression.Interpolate("k${{ steps.build.outcome != 'success' && format('-partial-{0}', github.run_id) || '' }}",
            Context(outcome: outcome));

        Assert.That(key, Is.EqualTo(expected));
    }

    [TestCase("always() && steps.cache.outputs.cache-hit != 'true'", true, true)]
    [TestCase("steps.cache.outputs.cache-hit != 'true'", true, false)]
    [TestCase(null, true, false)]
    [TestCase("startsWith(github.ref, 'refs/tags/v')", false, true)]
    public void A_condition_without_a_status_function_implies_success(string? condition, bool failed, bool expected)
    {
        Assert.That(WorkflowExpression.EvaluateCondition(condition, Context(failed: failed)), Is.EqualTo(expected));
    }

    [TestCase("vars.KILN_REMOTE_CACHE")]
    [TestCase("secrets.KILN_REMOTE_CACHE_TOKEN")]
    public void A_repository_variable_or_secret_the_simulated_repository_does_not_set_reads_as_empty(string expression)
    {
        Assert.That(WorkflowExpression.Evaluate(expression, Context()), Is.EqualTo(""));
    }

    [TestCase("env.TOKEN")]
    [TestCase("steps.nope.outputs.x")]
    [TestCase("hashFiles('**/*.csproj')")]
    [TestCase("matrix.runner")]
    [TestCase("fromJSON('[]')[0]")]
    public void Anything_outside_the_modelled_subset_fails_loudly(string expression)
    {
        Assert.Throws<InvalidOperationException>(() => WorkflowExpression.Evaluate(expression, Context()));
    }
}
