namespace Build.Tests.Workflows;

/// <summary>
/// The committed <c>build.yml</c>'s cache logic when an arch leg fails, executed against a stand-in <c>build.sh</c> that
/// compiles nothing (the real build runs in <see cref="WorkflowSimulationTests"/>): what the failed leg compiled is saved
/// without poisoning the key, and the next run resumes from it, then saves the complete entry under the key.
/// </summary>
public class WorkflowCacheFailureTests
{
    private const string Tag = "refs/tags/v1.2.3";

    // Tools marks each compiled arch "half" then "complete", failing in between for $FAIL_ARCH; Dist needs both complete.
    private const string StandInBuildScript = """
        #!/usr/bin/env bash
        set -euo pipefail
        target=$1; shift
        arches=(); require=false
        while [ $# -gt 0 ]; do
          case $1 in
            --arch) shift; while [ $# -gt 0 ] && [[ $1 != --* ]]; do arches+=("$1"); shift; done ;;
            --require-tools-cache-hit) require=true; shift ;;
            *) echo "unexpected argument $1"; exit 2 ;;
          esac
        done
        case $target in
          ToolsFingerprint)
            for arch in "${arches[@]}"; do echo "fingerprint-$arch=f00d$arch" >> "$GITHUB_OUTPUT"; done
            if [ ${#arches[@]} = 1 ]; then echo "fingerprint=f00d${arches[0]}" >> "$GITHUB_OUTPUT"; fi ;;
          Tools)
            arch=${arches[0]}
            if [ -f "tools-cache/$arch/complete" ]; then echo "$arch: hit"; exit 0; fi
            if $require; then echo "$arch: no entry, would rebuild"; exit 1; fi
            if [ -f "tools-cache/$arch/half" ]; then echo "$arch: resumed"; fi
            mkdir -p "tools-cache/$arch"; touch "tools-cache/$arch/half"
            if [ "${FAIL_ARCH:-}" = "$arch" ]; then echo "$arch: compiler failed"; exit 1; fi
            touch "tools-cache/$arch/complete" ;;
          Dist)
            $require || { echo "Dist without --require-tools-cache-hit"; exit 1; }
            mkdir -p dist
            for arch in "${arches[@]}"; do test -f "tools-cache/$arch/complete"; echo "$arch" > "dist/sysreport-$arch.tgz"; done
            (cd dist && sha256sum -- * > SHA256SUMS) ;;
          *) echo "unexpected target $target"; exit 2 ;;
        esac
        """;

    private string _directory = "";

    [SetUp]
    public void CreateStandInRepository()
    {
        _directory = Path.Combine(Path.GetTempPath(), "kiln-e2e", $"workflow-failure-{Guid.NewGuid():N}"[..25]);
        var repository = Path.Combine(_directory, "repository");
        Directory.CreateDirectory(Path.Combine(repository, ".github", "workflows"));
        File.Copy(Path.Combine(RepositoryCopy.FindRepositoryRoot(), ".github", "workflows", "build.yml"),
            Path.Combine(repository, ".github", "workflows", "build.yml"));
        File.WriteAllText(Path.Combine(repository, "build.sh"), StandInBuildScript.ReplaceLineEndings("\n") + "\n");
        foreach (var command in new[]
                 {
                     new[] { "chmod", "+x", "build.sh" }, ["git", "init", "-q"], ["git", "add", "-A"],
                     ["git", "-c", "user.name=Kiln Tests", "-c", "user.email=tests@kiln.invalid", "commit", "-q", "-m", "stand-in"],
                 })
            Assert.That(RepositoryCopy.Run(command[0], command[1..], repository).ExitCode, Is.Zero, string.Join(' ', command));
    }

    [TearDown]
    public void DeleteRepository() => Directory.Delete(_directory, recursive: true);

    private RunRecord Run(int runId, string? failArch)
    {
        var environment = new Dictionary<string, string>();
        if (failArch is not null)
            environment["FAIL_ARCH"] = failArch;
        var simulator = new WorkflowSimulator(Path.Combine(_directory, "repository", ".github", "workflows", "build.yml"),
            Path.Combine(_directory, "repository"), Path.Combine(_directory, "state"), environment);
        return simulator.Run(new RunContext(runId, Tag, Path.Combine(_directory, "released", $"run-{runId}")));
    }

    private IReadOnlyList<string> CacheKeys() => new SimulatedActions(Path.Combine(_directory, "state")).CacheKeys();

    [Test]
    public void A_failed_leg_saves_what_it_compiled_under_a_partial_key_and_nothing_is_released()
    {
        var run = Run(1, failArch: "aarch64");

        Assert.That(run.Job("Tools (aarch64)").Result, Is.EqualTo("failure"), run.ToString());
        Assert.That(run.Job("Tools (aarch64)").Step("Save the tools cache").Outcome, Is.EqualTo("success"), run.ToString());
        Assert.That(run.Job("build").Result, Is.EqualTo("skipped"));
        Assert.That(run.Job("release").Result, Is.EqualTo("skipped"));
        Assert.That(CacheKeys(), Is.EquivalentTo(new[] { "tools-x86_64-f00dx86_64", "tools-aarch64-f00daarch64-partial-1" }));
    }

    [Test]
    public void The_next_run_resumes_the_failed_arch_without_a_hit_then_saves_its_complete_entry_and_releases()
    {
        Run(1, failArch: "aarch64");

        var run = Run(2, failArch: null);
        var arm = run.Job("Tools (aarch64)");

        Assert.That(run.Jobs.Select(job => job.Result), Has.All.EqualTo("success"), run.ToString());
        Assert.That(arm.Step("cache").Outputs["cache-hit"], Is.EqualTo("false"));
        Assert.That(arm.Step("arch-targets").Run, Does.Not.Contain("--require-tools-cache-hit"));
        Assert.That(arm.Step("arch-targets").Log, Does.Contain("aarch64: resumed"));
        Assert.That(run.Job("Tools (x86_64)").Step("arch-targets").Run, Does.EndWith("--require-tools-cache-hit"));
        Assert.That(CacheKeys(), Does.Contain("tools-aarch64-f00daarch64"));
        Assert.That(Directory.GetFiles(run.ReleaseDirectory).Select(Path.GetFileName),
            Is.EquivalentTo(new[] { "SHA256SUMS", "sysreport-x86_64.tgz", "sysreport-aarch64.tgz" }));
    }
}
