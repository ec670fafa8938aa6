using Kiln.Targets.Parameters;
using Kiln.Targets.Planning;
using Spectre.Console;

namespace Kiln.Targets.Output;

/// <summary><c>--help</c>: listed targets with descriptions and dependencies, parameters with descriptions and current values.</summary>
internal static class HelpText
{
    public static void Write(BuildConsole console, IReadOnlyList<DiscoveredTarget> targets, string defaultTarget,
        IReadOnlyList<ParameterDefinition> parameters, object build)
    {
        console.WriteLine("Usage: ./build.sh [targets] [--parameter value ...] [--skip [targets]] [--plan[=mermaid]] [--list] [--help]");
        console.WriteLine();
        var targetTable = new Table().Border(TableBorder.None).HideHeaders().AddColumn("").AddColumn("").AddColumn("");
        foreach (var target in targets.Where(t => t.Definition.IsListed))
        {
            var name = target.Name == defaultTarget ? $"{target.Name} (default)" : target.Name;
            var dependsOn = target.Spec.DependsOn.Count == 0 ? "" : $"-> {string.Join(", ", target.Spec.DependsOn)}";
            targetTable.AddRow(new Text(name), new Text(target.Definition.DescriptionText ?? ""), new Text(dependsOn));
        }

        console.WriteLine("Targets:");
        console.Write(targetTable);
        console.WriteLine();

        var parameterTable = new Table().Border(TableBorder.None).HideHeaders().AddColumn("").AddColumn("").AddColumn("");
        foreach (var parameter in parameters)
        {
            var allowed = ParameterConversion.AllowedValues(parameter.Type);
            var description = allowed.Count == 0 ? parameter.Description : $"{parameter.Description} ({string.Join(" | ", allowed)})";
            var value = ParameterConversion.Format(parameter.GetValue(build));
            parameterTable.AddRow(new Text($"--{parameter.CommandLineName}"), new Text(description),
                new Text(value.Length == 0 ? "" : $"= {value}"));
        }

        parameterTable.AddRow(new Text("--skip [targets]"), new Text("Skip these targets (all but the requested ones when none are named)"), new Text(""));
        parameterTable.AddRow(new Text("--profile NAME"), new Text("Also read .nuke/parameters.NAME.json"), new Text(""));
        parameterTable.AddRow(new Text("--plan[=mermaid]"), new Text("Print the execution plan and run nothing"), new Text(""));
        parameterTable.AddRow(new Text("--list"), new Text("Print the target names"), new Text(""));
        parameterTable.AddRow(new Text("--generate-configuration"), new Text("Regenerate CI workflows, IDE configurations and the schema"), new Text(""));
        console.WriteLine("Parameters:");
        console.Write(parameterTable);
    }
}
