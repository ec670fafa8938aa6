namespace Kiln.Targets.Foundation;

/// <summary>Closest known names to a mistyped one, by edit distance (transpositions count once: Tset -> Test).</summary>
public static class NameSuggestions
{
    public static IReadOnlyList<string> For(string unknown, IEnumerable<string> known)
    {
        var scored = known
            .Select(name => (name, distance: Distance(unknown.ToLowerInvariant(), name.ToLowerInvariant())))
            .Where(x => x.distance <= Math.Max(2, x.name.Length / 3) || x.name.Contains(unknown, StringComparison.OrdinalIgnoreCase))
            .OrderBy(x => x.distance)
            .ThenBy(x => x.name, StringComparer.Ordinal)
            .Take(3)
            .Select(x => x.name)
            .ToList();
        return scored;
    }

    public static string DidYouMean(string unknown, IEnumerable<string> known)
    {
        var suggestions = For(unknown, known);
        return suggestions.Count == 0 ? "" : $" Did you mean {string.Join(" or ", suggestions.Select(s => $"'{s}'"))}?";
    }

    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        for (var j = 1; j <= b.Length; j++)
        {
            var cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
        }

        return d[a.Length, b.Length];
    }
}
