using System.Reflection;
using System.Text.RegularExpressions;
using MsspPortal.Web.Pipeline;

namespace MsspPortal.UnitTests.Architecture;

public sealed partial class PipelineEntryPointTests
{
    private static readonly SourceTree Tree = SourceTree.Load();

    private static readonly Type[] PipelineTypes = typeof(PipelineEntryPointAttribute).Assembly.GetTypes()
        .Where(t => t.Namespace == typeof(PipelineEntryPointAttribute).Namespace && t.DeclaringType is null
            && !t.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute)) && !t.Name.StartsWith('<'))
        .ToArray();

    [Fact]
    public void Features_use_only_the_pipeline_s_entry_points()
    {
        var internals = PipelineTypes.Where(t => !t.IsDefined(typeof(PipelineEntryPointAttribute))).Select(t => StripArity(t.Name)).ToHashSet();
        var uses = Tree.Files
            .Where(f => f.Unit.StartsWith("Features/", StringComparison.Ordinal))
            .SelectMany(f => Identifiers(f.Text).Where(internals.Contains).Distinct().Select(name => $"{f.Path} uses {name}"))
            .ToList();
        Assert.True(uses.Count == 0, "Features reach into the pipeline's engine room:\n" + string.Join("\n", uses)
            + "\nCall an entry point, or mark the type [PipelineEntryPoint] if it is one.");
    }

    [Fact]
    public void The_entry_points_are_few_and_the_engine_room_is_found()
    {
        var entryPoints = PipelineTypes.Count(t => t.IsDefined(typeof(PipelineEntryPointAttribute)));
        Assert.InRange(entryPoints, 1, 15);
        Assert.Contains(PipelineTypes, t => t.Name == "DetectionStage" && !t.IsDefined(typeof(PipelineEntryPointAttribute)));
        Assert.Contains(PipelineTypes, t => t.Name == nameof(AcceptBatch) && t.IsDefined(typeof(PipelineEntryPointAttribute)));
    }

    [Fact]
    public void A_feature_naming_an_engine_type_is_caught()
    {
        var names = Identifiers("// DetectionStage in a comment\nvar stage = sp.GetRequiredService<DetectionStage>();").ToList();
        Assert.Equal(1, names.Count(n => n == "DetectionStage"));
    }

    private static IEnumerable<string> Identifiers(string text) =>
        Word().Matches(Comment().Replace(text, "")).Select(m => m.Value);

    private static string StripArity(string name) => name.Split('`')[0];

    [GeneratedRegex(@"\b[A-Z][A-Za-z0-9]*\b", RegexOptions.CultureInvariant)]
    private static partial Regex Word();

    [GeneratedRegex(@"//[^\n]*|@\*.*?\*@|/\*.*?\*/", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex Comment();
}
