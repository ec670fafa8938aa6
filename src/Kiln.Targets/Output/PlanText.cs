using System.Text;
using Kiln.Targets.Planning;

namespace Kiln.Targets.Output;

/// <summary><c>--plan</c>: the ordered plan as numbered text, or as a Mermaid graph to paste into a README.</summary>
internal static class PlanText
{
    public static string Render(ExecutionPlan plan, IReadOnlyDictionary<string, string> skipped, string format)
    {
        var text = new StringBuilder();
        if (format.Equals("mermaid", StringComparison.OrdinalIgnoreCase))
        {
            text.AppendLine("graph LR");
            foreach (var name in plan.Order)
            {
                text.AppendLine($"    {name}[\"{name}{(skipped.ContainsKey(name) ? " (skipped)" : "")}\"]");
                foreach (var dependency in plan.Needs[name].OrderBy(d => plan.Order.ToList().IndexOf(d)))
                    text.AppendLine($"    {dependency} --> {name}");
            }

            return text.ToString();
        }

        text.AppendLine("Execution plan (nothing runs):");
        for (var i = 0; i < plan.Order.Count; i++)
        {
            var name = plan.Order[i];
            var note = skipped.TryGetValue(name, out var reason) ? $"  (skipped: {reason})" : "";
            text.AppendLine($"  {i + 1,2}. {name}{note}");
        }

        return text.ToString();
    }
}
