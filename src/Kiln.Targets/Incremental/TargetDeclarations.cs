using Kiln.Targets.Foundation;

namespace Kiln.Targets.Incremental;

/// <summary>
/// The inputs and outputs a target declared; evaluated right before it would run, after its dependencies, so an input
/// another target produces (a tools key, a restored file) is already there.
/// </summary>
internal sealed class TargetDeclarations
{
    public List<Func<CancellationToken, Task<TargetInputs>>> Inputs { get; } = [];

    public List<Func<IEnumerable<AbsolutePath>>> Outputs { get; } = [];

    /// <summary>A target without declarations always runs, as it did before targets could declare anything.</summary>
    public bool Any => Inputs.Count > 0 || Outputs.Count > 0;
}
