using System.Text.Json;

namespace Build.Tests;

/// <summary>
/// What F5 does with a workspace's <c>.vscode/launch.json</c> and <c>tasks.json</c>, minus the debugger: run the
/// configuration's pre-launch task as tasks.json gives it, then start the program launch.json names, with its arguments,
/// working directory and environment. Only the variables the generated files use are resolved; any other fails loudly.
/// </summary>
internal sealed class VsCodeDebugLaunch
{
    private readonly string _workspaceFolder;
    private readonly JsonElement _configuration;
    private readonly JsonElement _preLaunchTask;

    private VsCodeDebugLaunch(string workspaceFolder, JsonElement configuration, JsonElement preLaunchTask)
    {
        _workspaceFolder = workspaceFolder;
        _configuration = configuration;
        _preLaunchTask = preLaunchTask;
    }

    /// <summary>The workspace's only debug configuration, as F5 picks it.</summary>
    public static VsCodeDebugLaunch Read(string workspaceFolder)
    {
        var launch = JsonDocument.Parse(File.ReadAllText(Path.Combine(workspaceFolder, ".vscode", "launch.json"))).RootElement;
        var tasks = JsonDocument.Parse(File.ReadAllText(Path.Combine(workspaceFolder, ".vscode", "tasks.json"))).RootElement;
        var configuration = launch.GetProperty("configurations").EnumerateArray().Single();
        var label = configuration.GetProperty("preLaunchTask").GetString();
        var task = tasks.GetProperty("tasks").EnumerateArray().Single(task => task.GetProperty("label").GetString() == label);
        return new VsCodeDebugLaunch(workspaceFolder, configuration, task);
    }

    /// <summary>The program launch.json starts, with <c>${workspaceFolder}</c> resolved.</summary>
    public string Program => Resolve(_configuration.GetProperty("program").GetString()!, target: null);

    /// <summary>launch.json's map from the paths compiled into the PDBs to the paths of the sources on this machine.</summary>
    public IReadOnlyDictionary<string, string> SourceFileMap => _configuration.GetProperty("sourceFileMap").EnumerateObject()
        .ToDictionary(entry => entry.Name, entry => Resolve(entry.Value.GetString()!, target: null));

    /// <summary>Runs the pre-launch task: a <c>process</c> task, its command and arguments unchanged, in its <c>cwd</c>.</summary>
    public ProcessResult RunPreLaunchTask()
    {
        Assert.That(_preLaunchTask.GetProperty("type").GetString(), Is.EqualTo("process"), "a process task runs its command without a shell");
        var arguments = _preLaunchTask.GetProperty("args").EnumerateArray().Select(arg => Resolve(arg.GetString()!, target: null)).ToList();
        var workingDirectory = Resolve(_preLaunchTask.GetProperty("options").GetProperty("cwd").GetString()!, target: null);
        return RepositoryCopy.Run(_preLaunchTask.GetProperty("command").GetString()!, arguments, workingDirectory);
    }

    /// <summary>Starts the program as the coreclr debugger does (<c>dotnet &lt;program&gt; &lt;args&gt;</c>), the target picked.</summary>
    /// <param name="environment">Set after launch.json's own <c>env</c>.</param>
    public ProcessResult Start(string target, IReadOnlyDictionary<string, string> environment)
    {
        var arguments = _configuration.GetProperty("args").EnumerateArray().Select(arg => Resolve(arg.GetString()!, target));
        var workingDirectory = Resolve(_configuration.GetProperty("cwd").GetString()!, target);
        var variables = _configuration.GetProperty("env").EnumerateObject()
            .ToDictionary(variable => variable.Name, variable => Resolve(variable.Value.GetString()!, target));
        foreach (var (name, value) in environment)
            variables[name] = value;
        return RepositoryCopy.Run("dotnet", [Program, .. arguments], workingDirectory, variables);
    }

    private string Resolve(string value, string? target)
    {
        var resolved = value.Replace("${workspaceFolder}", _workspaceFolder, StringComparison.Ordinal);
        if (target is not null)
            resolved = resolved.Replace("${input:target}", target, StringComparison.Ordinal);
        Assert.That(resolved, Does.Not.Contain("${"), $"a VS Code variable this test does not resolve, in \"{value}\"");
        return resolved;
    }
}
