using System.Globalization;
using System.Text.RegularExpressions;

namespace SysReport.Parsing;

/// <summary>Parses the output of <c>numactl --hardware</c>.</summary>
internal static partial class NumactlHardwareParser
{
    public static NumaTopology Parse(string text)
    {
        if (text.Contains("No NUMA available", StringComparison.Ordinal))
            return new NumaTopology([], []);

        var cpus = new SortedDictionary<int, IReadOnlyList<int>>();
        var sizes = new Dictionary<int, long>();
        var free = new Dictionary<int, long>();
        var distances = new List<IReadOnlyList<int>>();
        foreach (var line in text.Split('\n'))
        {
            if (NodeCpus().Match(line) is { Success: true } cpuLine)
                cpus[Int(cpuLine.Groups[1].Value)] = Ints(cpuLine.Groups[2].Value);
            else if (NodeMemory().Match(line) is { Success: true } memory)
                (memory.Groups[2].Value == "size" ? sizes : free)[Int(memory.Groups[1].Value)] = long.Parse(memory.Groups[3].Value, CultureInfo.InvariantCulture);
            else if (DistanceRow().Match(line) is { Success: true } row)
                distances.Add(Ints(row.Groups[2].Value));
        }

        if (cpus.Count == 0)
            throw new FormatException("no \"node N cpus:\" line");
        var nodes = cpus
            .Select(n => new NumaNode(n.Key, n.Value, sizes.TryGetValue(n.Key, out var s) ? s : null, free.TryGetValue(n.Key, out var f) ? f : null))
            .ToList();
        return new NumaTopology(nodes, distances);
    }

    private static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);

    private static List<int> Ints(string text) =>
        text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Int).ToList();

    [GeneratedRegex(@"^node (\d+) cpus:(.*)$")]
    private static partial Regex NodeCpus();

    [GeneratedRegex(@"^node (\d+) (size|free): (\d+) MB")]
    private static partial Regex NodeMemory();

    [GeneratedRegex(@"^\s*(\d+):((?:\s+\d+)+)\s*$")]
    private static partial Regex DistanceRow();
}
