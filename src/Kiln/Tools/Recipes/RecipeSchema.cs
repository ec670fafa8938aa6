using System.Security.Cryptography;
using System.Text;
using Kiln.Caching;
using Kiln.Targets.Foundation;

namespace Kiln.Tools.Recipes;

/// <summary>
/// A recipe schema that remembers which recipe texts it has already accepted, in a file of SHA-256 digests (one per
/// schema text and recipe text pair). Loading and running the validator is most of a warm run's recipe loading, and
/// an unchanged recipe under an unchanged schema gives the same answer, so only new or edited texts are validated.
/// </summary>
internal sealed class RecipeSchema
{
    private readonly string? _memoFile;
    private readonly Lazy<JsonSchemaValidator> _validator;
    private readonly HashSet<string> _remembered;
    private readonly HashSet<string> _usedThisRun = new(StringComparer.Ordinal);
    private readonly string _schemaDigest;

    /// <param name="memoFile">Where accepted digests are kept (e.g. under <c>.nuke/temp</c>); null validates every time.</param>
    public RecipeSchema(string schemaFile, string? memoFile)
    {
        _memoFile = memoFile;
        var schemaText = File.ReadAllText(schemaFile);
        _schemaDigest = Digest(schemaText);
        _validator = new Lazy<JsonSchemaValidator>(() => JsonSchemaValidator.FromText(schemaText));
        _remembered = memoFile is not null && File.Exists(memoFile)
            ? File.ReadAllLines(memoFile).ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal);
    }

    /// <summary>Whether the validator ran in this run (it does only for texts not accepted before).</summary>
    public bool HasValidated => _validator.IsValueCreated;

    /// <summary>The schema's violations of <paramref name="text"/>; none, without running the validator, for a text it accepted before.</summary>
    public IReadOnlyList<(string Field, string Rule)> Validate(string text)
    {
        var digest = Digest(_schemaDigest + "\n" + text);
        _usedThisRun.Add(digest);
        if (_remembered.Contains(digest))
            return [];
        var violations = _validator.Value.Validate(text).Select(v => (v.Field, v.Rule)).ToList();
        if (violations.Count == 0)
            _remembered.Add(digest);
        return violations;
    }

    /// <summary>Keeps the digests of the texts seen in this run that passed; digests of texts no longer present are dropped.</summary>
    public void Save()
    {
        if (_memoFile is null)
            return;
        var kept = _usedThisRun.Where(_remembered.Contains).Order(StringComparer.Ordinal).ToList();
        if (File.Exists(_memoFile) && File.ReadAllLines(_memoFile).SequenceEqual(kept))
            return;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(_memoFile))!);
        DurableFile.WriteAllText(_memoFile, string.Concat(kept.Select(digest => digest + "\n")));
    }

    private static string Digest(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
