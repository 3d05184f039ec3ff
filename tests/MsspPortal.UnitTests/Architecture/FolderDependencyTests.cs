namespace MsspPortal.UnitTests.Architecture;

public sealed class FolderDependencyTests
{
    private static readonly SourceTree Tree = SourceTree.Load();

    // What the lower layers may use; a folder not listed here is checked only by the cycle and feature rules.
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["Domain"] = [],
        ["Infrastructure/Tenancy"] = ["Domain"],
        ["Infrastructure/Configuration"] = [],
        ["Data"] = ["Domain", "Infrastructure/Tenancy", "Data/Bulk"],
        ["Data/Bulk"] = ["Domain", "Data", "Infrastructure/Tenancy"],
    };

    [Fact]
    public void The_source_tree_is_found_and_read()
    {
        Assert.Contains(Tree.Files, f => f.Unit == "Pipeline");
        Assert.Contains(Tree.Files, f => f.Unit == "Features/Alerts");
        Assert.Contains(Tree.Imports().Keys, e => e == ("Pipeline", "Domain"));
    }

    [Fact]
    public void No_two_folders_import_each_other_directly_or_round_a_cycle()
    {
        var graph = Tree.Imports().Keys.GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.Select(e => e.To).ToList());
        var cycles = FindCycles(graph);
        Assert.True(cycles.Count == 0, "Folder cycles:\n" + string.Join("\n", cycles.Select(c => string.Join(" -> ", c))) + Describe());
    }

    [Fact]
    public void No_feature_imports_another_feature()
    {
        var crossings = Tree.Imports()
            .Where(e => e.Key.From.StartsWith("Features/", StringComparison.Ordinal)
                && e.Key.To.StartsWith("Features/", StringComparison.Ordinal)
                && e.Key.To != "Features/Shared")
            .Select(e => $"{e.Key.From} -> {e.Key.To} ({string.Join(", ", e.Value)})")
            .ToList();
        Assert.True(crossings.Count == 0, "Features import each other:\n" + string.Join("\n", crossings));
    }

    [Fact]
    public void The_pipeline_and_the_lower_layers_import_no_feature_and_no_host()
    {
        var wrong = Tree.Imports()
            .Where(e => (e.Key.From is "Pipeline" || Allowed.ContainsKey(e.Key.From) || e.Key.From.StartsWith("Infrastructure/", StringComparison.Ordinal))
                && (e.Key.To.StartsWith("Features/", StringComparison.Ordinal) || e.Key.To is "Host" or "Demo"))
            .Select(e => $"{e.Key.From} -> {e.Key.To} ({string.Join(", ", e.Value)})")
            .ToList();
        Assert.True(wrong.Count == 0, "Imports upwards:\n" + string.Join("\n", wrong));
    }

    [Fact]
    public void Domain_and_data_use_only_what_lies_below_them()
    {
        var wrong = Tree.Imports()
            .Where(e => Allowed.TryGetValue(e.Key.From, out var allowed) && !allowed.Contains(e.Key.To))
            .Select(e => $"{e.Key.From} -> {e.Key.To} ({string.Join(", ", e.Value)})")
            .ToList();
        Assert.True(wrong.Count == 0, "Imports outside the layer rules:\n" + string.Join("\n", wrong));
    }

    [Fact]
    public void A_cycle_is_found_when_there_is_one()
    {
        var graph = new Dictionary<string, List<string>> { ["A"] = ["B"], ["B"] = ["C"], ["C"] = ["A"], ["D"] = ["A"] };
        var cycle = Assert.Single(FindCycles(graph));
        Assert.Equal(["A", "B", "C", "A"], cycle);
    }

    [Theory]
    [InlineData("Features/Alerts/ListAlerts.cs", "Features/Alerts")]
    [InlineData("Features/_ViewImports.cshtml", "Features/Shared")]
    [InlineData("Pipeline/Detect/DetectionStage.cs", "Pipeline")]
    [InlineData("Data/Bulk/SqliteBinder.cs", "Data/Bulk")]
    [InlineData("Data/Configurations/AlertConfiguration.cs", "Data")]
    [InlineData("Program.cs", "Host")]
    public void Files_belong_to_the_folder_the_architecture_names(string path, string unit) =>
        Assert.Equal(unit, SourceTree.UnitOfPath(path));

    [Fact]
    public void Qualified_names_and_view_directives_count_as_imports()
    {
        var file = new SourceTree.SourceFile("Features/X/A.cshtml", "Features/X",
            "@model MsspPortal.Web.Features.Y.Row\n@inject MsspPortal.Web.Pipeline.Stats S\n// MsspPortal.Web.Host in a comment\nvar t = Features.Z.Thing.Make();");
        Assert.Equal(["Features/Y", "Pipeline", "Features/Z"], file.ImportedUnits().ToList());
    }

    private static List<List<string>> FindCycles(Dictionary<string, List<string>> graph)
    {
        // Depth-first search; each back edge closes one cycle, reported once by its smallest rotation's start.
        var cycles = new List<List<string>>();
        var seen = new HashSet<string>();
        var state = new Dictionary<string, int>();
        var stack = new List<string>();
        void Visit(string node)
        {
            state[node] = 1;
            stack.Add(node);
            foreach (var next in graph.GetValueOrDefault(node, []))
            {
                if (state.GetValueOrDefault(next) == 1)
                {
                    var cycle = stack.Skip(stack.IndexOf(next)).Append(next).ToList();
                    if (seen.Add(string.Join(">", cycle.Take(cycle.Count - 1).Order(StringComparer.Ordinal))))
                    {
                        cycles.Add(cycle);
                    }
                }
                else if (state.GetValueOrDefault(next) == 0)
                {
                    Visit(next);
                }
            }
            stack.RemoveAt(stack.Count - 1);
            state[node] = 2;
        }
        foreach (var node in graph.Keys.Order(StringComparer.Ordinal))
        {
            if (state.GetValueOrDefault(node) == 0)
            {
                Visit(node);
            }
        }
        return cycles;
    }

    private static string Describe() =>
        "\n\nImports:\n" + string.Join("\n", Tree.Imports().OrderBy(e => e.Key.From, StringComparer.Ordinal)
            .Select(e => $"{e.Key.From} -> {e.Key.To}: {string.Join(", ", e.Value)}"));
}
