using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Kiln.Targets.Configuration;

/// <summary>
/// Writes a workflow node tree as block YAML. Walking the tree ourselves, rather than saving a YamlStream, keeps
/// key order as built, leaves out document markers, and lets every pinned <c>uses:</c> carry its version as a comment.
/// </summary>
internal static class WorkflowYamlWriter
{
    public static string Write(YamlMappingNode document, IEnumerable<string> headerCommentLines)
    {
        var text = new StringWriter { NewLine = "\n" };
        foreach (var line in headerCommentLines)
            text.Write($"# {line}\n");
        text.Write('\n');

        var emitter = new Emitter(text, new EmitterSettings(bestIndent: 2, bestWidth: int.MaxValue, isCanonical: false,
            maxSimpleKeyLength: 1024, newLine: "\n", indentSequences: true));
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart());
        EmitNode(emitter, document);
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        return text.ToString();
    }

    private static void EmitNode(IEmitter emitter, YamlNode node)
    {
        switch (node)
        {
            case YamlScalarNode scalar:
                emitter.Emit(new Scalar(null, null, scalar.Value ?? "", scalar.Style, isPlainImplicit: true, isQuotedImplicit: true));
                break;
            case YamlSequenceNode sequence:
                emitter.Emit(new SequenceStart(null, null, isImplicit: true, sequence.Style));
                foreach (var item in sequence.Children)
                    EmitNode(emitter, item);
                emitter.Emit(new SequenceEnd());
                break;
            case YamlMappingNode mapping:
                emitter.Emit(new MappingStart(null, null, isImplicit: true, mapping.Style));
                foreach (var (key, value) in mapping.Children)
                {
                    EmitNode(emitter, key);
                    EmitNode(emitter, value);
                    if (key is YamlScalarNode { Value: "uses" } && value is YamlScalarNode { Value: { } reference }
                        && PinnedActions.FindByReference(reference) is { } pinned)
                        emitter.Emit(new Comment(pinned.Version, isInline: true));
                }
                emitter.Emit(new MappingEnd());
                break;
            default:
                throw new ArgumentException($"Unsupported YAML node {node.GetType().Name}.", nameof(node));
        }
    }
}
