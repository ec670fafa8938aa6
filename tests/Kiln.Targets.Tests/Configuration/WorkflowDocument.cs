using Kiln.Targets.Configuration;
using YamlDotNet.RepresentationModel;

namespace Kiln.Targets.Tests.Configuration;

/// <summary>A generated workflow parsed back, with the lookups the tests need.</summary>
internal sealed class WorkflowDocument
{
    public WorkflowDocument(string text)
    {
        Text = text;
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        Root = (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    public static WorkflowDocument Generate(GitHubActionsAttribute workflow, BuildModel? model = null) =>
        new(WorkflowGenerator.Generate(workflow, model ?? SampleBuild.Model(workflow)));

    public string Text { get; }

    public YamlMappingNode Root { get; }

    public YamlMappingNode Job(string id) => Mapping(Mapping(Root, "jobs"), id);

    public IReadOnlyList<YamlMappingNode> Steps(string jobId) =>
        ((YamlSequenceNode)Job(jobId)["steps"]).Children.Cast<YamlMappingNode>().ToList();

    public YamlMappingNode Step(string jobId, string stepId) =>
        Steps(jobId).Single(step => Scalar(step, "id") == stepId);

    public YamlMappingNode StepUsing(string jobId, PinnedAction action) =>
        Steps(jobId).Single(step => Scalar(step, "uses") == action.Reference);

    public IReadOnlyList<IReadOnlyDictionary<string, string>> MatrixInclude(string jobId) =>
        ((YamlSequenceNode)Mapping(Mapping(Job(jobId), "strategy"), "matrix")["include"]).Children
        .Cast<YamlMappingNode>()
        .Select(entry => (IReadOnlyDictionary<string, string>)entry.Children.ToDictionary(pair => ((YamlScalarNode)pair.Key).Value!, pair => ((YamlScalarNode)pair.Value).Value!))
        .ToList();

    public static YamlMappingNode Mapping(YamlMappingNode node, string key) => (YamlMappingNode)node[key];

    public static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out var value) ? ((YamlScalarNode)value).Value : null;
}
