using Kiln.Targets.Foundation;

namespace Kiln.Tools.Host;

/// <summary>Host build prerequisites that are missing and could not be installed; names every package and the install command.</summary>
internal sealed class HostPrerequisitesException(IReadOnlyList<HostPrerequisite> missing, string installCommand, string reason, string purpose = HostPrerequisites.ToolsBuild)
    : BuildException($"{purpose} needs {string.Join(", ", missing.Select(m => $"{m.What} (package {m.Package})"))}; {reason}. Install them with: {installCommand}")
{
    public IReadOnlyList<HostPrerequisite> Missing { get; } = missing;

    public string InstallCommand { get; } = installCommand;
}
