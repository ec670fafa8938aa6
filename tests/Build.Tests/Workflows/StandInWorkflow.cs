namespace Build.Tests.Workflows;

/// <summary>
/// The committed <c>build.yml</c> in a repository of its own whose <c>build.sh</c> is a stand-in that compiles nothing,
/// so the workflow's logic runs in seconds (the real build runs in <see cref="WorkflowSimulationTests"/>). The stand-in's
/// failures are chosen by variables: <c>FAIL_ARCH</c> fails that arch's Tools halfway, <c>FAIL_TESTS=true</c> fails Test;
/// <c>EDIT</c> changes every arch's key the way an edited recipe does.
/// </summary>
internal sealed class StandInWorkflow : IDisposable
{
    // Tools marks each compiled arch "half" then "complete" under its key, failing in between for $FAIL_ARCH; Dist needs
    // both complete. Each arch also has one tool whose per-tool entry no edit changes: restored when present, else compiled.
    // Test writes a result file and its section of the job summary as the real target does, then passes or fails.
    private const string StandInBuildScript = """
        #!/usr/bin/env bash
        set -euo pipefail
        target=$1; shift
        key() { echo "f00d$1${EDIT:-}"; }
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
            for arch in "${arches[@]}"; do echo "fingerprint-$arch=$(key "$arch")" >> "$GITHUB_OUTPUT"; done
            if [ ${#arches[@]} = 1 ]; then echo "fingerprint=$(key "${arches[0]}")" >> "$GITHUB_OUTPUT"; fi ;;
          Tools)
            arch=${arches[0]}; key=$(key "$arch")
            if [ -f "tools-cache/$arch/complete-$key" ]; then echo "$arch: hit"; exit 0; fi
            if $require; then echo "$arch: no entry, would rebuild"; exit 1; fi
            if [ -f "tools-cache/$arch/half-$key" ]; then echo "$arch: resumed"; fi
            if [ -f "tools-cache/$arch.unchanged/entry" ]; then echo "$arch unchanged: restored"; else echo "$arch unchanged: compiled"; fi
            mkdir -p "tools-cache/$arch" "tools-cache/$arch.unchanged"; touch "tools-cache/$arch.unchanged/entry" "tools-cache/$arch/half-$key"
            if [ "${FAIL_ARCH:-}" = "$arch" ]; then echo "$arch: compiler failed"; exit 1; fi
            touch "tools-cache/$arch/complete-$key" ;;
          Dist)
            $require || { echo "Dist without --require-tools-cache-hit"; exit 1; }
            mkdir -p dist
            for arch in "${arches[@]}"; do test -f "tools-cache/$arch/complete-$(key "$arch")"; echo "$arch" > "dist/sysreport-$arch.tgz"; done
            (cd dist && sha256sum -- * > SHA256SUMS) ;;
          Test)
            mkdir -p .nuke/temp/test-results; echo '<TestRun />' > .nuke/temp/test-results/stand-in.trx
            if [ "${FAIL_TESTS:-}" = true ]; then echo "### Tests: 1 failed" >> "$GITHUB_STEP_SUMMARY"; exit 1; fi
            echo "### Tests: 1 passed" >> "$GITHUB_STEP_SUMMARY" ;;
          *) echo "unexpected target $target"; exit 2 ;;
        esac
        """;

    private const string Tag = "refs/tags/v1.2.3";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "kiln-e2e", $"workflow-stand-in-{Guid.NewGuid():N}"[..27]);

    public StandInWorkflow()
    {
        var repository = Repository;
        Directory.CreateDirectory(Path.Combine(repository, ".github", "workflows"));
        File.Copy(Path.Combine(RepositoryCopy.FindRepositoryRoot(), ".github", "workflows", "build.yml"),
            Path.Combine(repository, ".github", "workflows", "build.yml"));
        File.WriteAllText(Path.Combine(repository, "build.sh"), StandInBuildScript.ReplaceLineEndings("\n") + "\n");
        foreach (var command in new[]
                 {
                     new[] { "chmod", "+x", "build.sh" }, ["git", "init", "-q"], ["git", "add", "-A"],
                     ["git", "-c", "user.name=Kiln Tests", "-c", "user.email=tests@kiln.invalid", "commit", "-q", "-m", "stand-in"],
                 })
        {
            var result = RepositoryCopy.Run(command[0], command[1..], repository);
            if (result.ExitCode != 0)
                throw new InvalidOperationException($"{string.Join(' ', command)} failed: {result.All}");
        }
    }

    private string Repository => Path.Combine(_directory, "repository");

    private string State => Path.Combine(_directory, "state");

    /// <summary>A push of the version tag, with the stand-in's failure variables in every step's environment.</summary>
    public RunRecord Run(int runId, IReadOnlyDictionary<string, string>? environment = null)
    {
        var simulator = new WorkflowSimulator(Path.Combine(Repository, ".github", "workflows", "build.yml"), Repository, State,
            environment ?? new Dictionary<string, string>());
        return simulator.Run(new RunContext(runId, Tag, Path.Combine(_directory, "released", $"run-{runId}")));
    }

    public SimulatedActions Actions => new(State);

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
