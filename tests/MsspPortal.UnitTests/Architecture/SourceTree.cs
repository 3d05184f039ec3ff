using System.Text.RegularExpressions;

namespace MsspPortal.UnitTests.Architecture;

/// <summary>
/// The portal's source files grouped into the folders the architecture names (a feature, Pipeline, Data, Data/Bulk,
/// an Infrastructure part, Domain, Demo, Host), with the folders each one imports. Read from the source, not the
/// assembly: a folder is a reading unit, which the compiler does not see.
/// </summary>
internal sealed partial class SourceTree
{
    private SourceTree(string webRoot, IReadOnlyList<SourceFile> files)
    {
        WebRoot = webRoot;
        Files = files;
    }

    public string WebRoot { get; }

    public IReadOnlyList<SourceFile> Files { get; }

    public static SourceTree Load()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "MsspPortal.sln")))
        {
            directory = directory.Parent;
        }
        if (directory is null)
        {
            throw new InvalidOperationException("MsspPortal.sln not found above " + AppContext.BaseDirectory);
        }
        var webRoot = Path.Combine(directory.FullName, "src", "MsspPortal.Web");
        var files = Directory.EnumerateFiles(webRoot, "*.*", SearchOption.AllDirectories)
            .Where(p => p.EndsWith(".cs", StringComparison.Ordinal) || p.EndsWith(".cshtml", StringComparison.Ordinal))
            .Select(p => Path.GetRelativePath(webRoot, p).Replace('\\', '/'))
            .Where(p => !p.StartsWith("obj/", StringComparison.Ordinal) && !p.StartsWith("bin/", StringComparison.Ordinal)
                && !p.StartsWith("Data/Migrations/", StringComparison.Ordinal))
            .Select(p => new SourceFile(p, UnitOfPath(p), File.ReadAllText(Path.Combine(webRoot, p))))
            .ToList();
        return new SourceTree(webRoot, files);
    }

    /// <summary>Every (from, to) pair of folders with the files that make it.</summary>
    public IReadOnlyDictionary<(string From, string To), List<string>> Imports()
    {
        var edges = new Dictionary<(string, string), List<string>>();
        foreach (var file in Files)
        {
            foreach (var unit in file.ImportedUnits().Where(u => u != file.Unit))
            {
                if (!edges.TryGetValue((file.Unit, unit), out var list))
                {
                    edges[(file.Unit, unit)] = list = [];
                }
                list.Add(file.Path);
            }
        }
        return edges;
    }

    public static string UnitOfPath(string path)
    {
        var parts = path.Split('/');
        if (parts.Length == 1)
        {
            return "Host"; // Program.cs
        }
        return parts[0] switch
        {
            "Features" when parts.Length > 2 => "Features/" + parts[1],
            "Features" => "Features/Shared", // _ViewImports, _ViewStart
            "Infrastructure" when parts.Length > 2 => "Infrastructure/" + parts[1],
            "Data" when parts.Length > 2 && parts[1] == "Bulk" => "Data/Bulk",
            _ => parts[0],
        };
    }

    public static string UnitOfNamespace(string ns)
    {
        var parts = ns.Split('.');
        if (parts.Length < 3)
        {
            return "Host";
        }
        return parts[2] switch
        {
            "Features" or "Infrastructure" when parts.Length > 3 => parts[2] + "/" + parts[3],
            "Data" when parts.Length > 3 && parts[3] == "Bulk" => "Data/Bulk",
            _ => parts[2],
        };
    }

    internal sealed partial record SourceFile(string Path, string Unit, string Text)
    {
        public IEnumerable<string> ImportedUnits() =>
            Imported().Matches(Comments().Replace(Text, "")).Select(m => UnitOfNamespace("MsspPortal.Web." + m.Groups["ns"].Value));

        // A using, an @using/@model/@inject, or a qualified name: the folder part only (a type after it is not a folder).
        // Names qualified from inside MsspPortal.Web (Features.Account.SignInThrottle) count as well.
        [GeneratedRegex(@"(?:MsspPortal\.Web\.|(?<![\w.]))(?<ns>(?:Features|Infrastructure)\.[A-Z][A-Za-z]*|(?<=MsspPortal\.Web\.)(?:Data\.Bulk|[A-Za-z]+))", RegexOptions.CultureInvariant)]
        private static partial Regex Imported();

        [GeneratedRegex(@"//[^\n]*|@\*.*?\*@|/\*.*?\*/", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
        private static partial Regex Comments();
    }
}
