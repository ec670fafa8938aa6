namespace Kiln.Docker;

/// <summary>An image name split the way the Engine API wants it: <c>debian:bookworm</c> is repository <c>debian</c>, tag <c>bookworm</c>.</summary>
internal sealed record ImageReference(string Repository, string Tag)
{
    internal static ImageReference Parse(string reference)
    {
        if (string.IsNullOrWhiteSpace(reference) || reference.Contains('@') || reference.Any(char.IsWhiteSpace))
            throw new ArgumentException($"'{reference}' is not an image reference of the form repository[:tag]", nameof(reference));
        // A colon before the last slash belongs to a registry port (registry:5000/name), not to the tag.
        var colon = reference.LastIndexOf(':');
        return colon > reference.LastIndexOf('/')
            ? new ImageReference(reference[..colon], reference[(colon + 1)..])
            : new ImageReference(reference, "latest");
    }

    public override string ToString() => Repository + ":" + Tag;
}
