namespace MsspPortal.Core.Conformance;

// What the SOURCES.md files of a corpus say: which log file has an upstream expected output ("yes → FILE" in the
// "expected output" column) and which files hold only lines that must be quarantined ("quarantined" in that
// column).
internal sealed class SourcesIndex
{
    private readonly Dictionary<string, string> _expectedByLog = new(StringComparer.Ordinal);
    private readonly HashSet<string> _expectedFiles = new(StringComparer.Ordinal);
    private readonly HashSet<string> _allQuarantined = new(StringComparer.Ordinal);

    /// <summary>Log file → its expected-output file (full paths).</summary>
    public IReadOnlyDictionary<string, string> ExpectedByLog => _expectedByLog;

    public bool IsExpectedOutput(string path) => _expectedFiles.Contains(path);

    public bool IsAllQuarantined(string path) => _allQuarantined.Contains(path);

    public static SourcesIndex Read(string root)
    {
        var index = new SourcesIndex();
        foreach (var sources in Directory.EnumerateFiles(root, "SOURCES.md", SearchOption.AllDirectories))
        {
            index.ReadOne(sources);
        }
        return index;
    }

    private void ReadOne(string sourcesFile)
    {
        var folder = Path.GetDirectoryName(sourcesFile)!;
        int fileColumn = -1, expectedColumn = -1;
        foreach (var raw in File.ReadLines(sourcesFile))
        {
            var line = raw.Trim();
            if (!line.StartsWith('|'))
            {
                (fileColumn, expectedColumn) = (-1, -1); // a table ended; the next one has its own header
                continue;
            }
            var cells = line.Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            if (fileColumn < 0)
            {
                fileColumn = Array.FindIndex(cells, c => c.Equals("file", StringComparison.OrdinalIgnoreCase));
                expectedColumn = Array.FindIndex(cells, c => c.StartsWith("expected output", StringComparison.OrdinalIgnoreCase));
                continue;
            }
            if (expectedColumn < 0 || cells.Length <= Math.Max(fileColumn, expectedColumn) || cells[fileColumn].StartsWith("---", StringComparison.Ordinal))
            {
                continue;
            }
            var file = cells[fileColumn].Trim('`');
            var log = Path.GetFullPath(Path.Combine(folder, file));
            var expected = cells[expectedColumn];
            var (arrow, width) = expected.IndexOf('→', StringComparison.Ordinal) is var a and >= 0 ? (a, 1) : (expected.IndexOf("->", StringComparison.Ordinal), 2);
            if (expected.StartsWith("yes", StringComparison.OrdinalIgnoreCase) && arrow > 0)
            {
                var target = expected[(arrow + width)..].Trim().Split(' ', '(', ',')[0].Trim('`');
                var expectedPath = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(log)!, target));
                if (File.Exists(log) && File.Exists(expectedPath))
                {
                    _expectedByLog[log] = expectedPath;
                    _expectedFiles.Add(expectedPath);
                }
            }
            else if (expected.Contains("quarantined", StringComparison.OrdinalIgnoreCase))
            {
                _allQuarantined.Add(log);
            }
        }
    }
}
