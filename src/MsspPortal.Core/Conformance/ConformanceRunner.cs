using MsspPortal.Core.Attack;
using MsspPortal.Core.Detection.Sigma;
using MsspPortal.Core.Events;
using MsspPortal.Core.Parsing;

namespace MsspPortal.Core.Conformance;

/// <summary>
/// Runs every check over a folder laid out like the shared corpus (or any folder of logs): each log file parses
/// with no line quarantined unless the folder says so, expected outputs named in SOURCES.md match, case files
/// conform, Sigma rules import or are refused with reasons, ATT&amp;CK technique CSVs import.
/// </summary>
public static class ConformanceRunner
{
    private static readonly ParseOptions Options = ParseOptions.Utc(new DateTimeOffset(2016, 6, 15, 12, 0, 0, TimeSpan.Zero));

    private static readonly HashSet<string> NotLogs = new([".md", ".yml", ".yaml", ".csv", ".zip", ".gz"], StringComparer.OrdinalIgnoreCase);

    public static async IAsyncEnumerable<ConformanceCheck> RunAsync(string root, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        root = Path.GetFullPath(root);
        var sources = SourcesIndex.Read(root);
        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetFileName(f).StartsWith('.'))
            .Order(StringComparer.Ordinal).ToList();
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files.Where(f => !NotLogs.Contains(Path.GetExtension(f)) || Path.GetExtension(f) is ".yml" or ".yaml" or ".csv"))
        {
            texts[file] = await File.ReadAllTextAsync(file, cancellationToken);
        }

        var caseFiles = texts.Select(t => (File: t.Key, Cases: CaseFiles.Cases(t.Value))).Where(t => t.Cases is not null).ToDictionary(t => t.File, t => t.Cases!, StringComparer.Ordinal);
        var expectedBad = caseFiles.Values.SelectMany(CaseFiles.ExpectedFailures).ToHashSet(StringComparer.Ordinal);

        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var subject = Path.GetRelativePath(root, file);
            var extension = Path.GetExtension(file);
            if (extension.Equals(".md", StringComparison.OrdinalIgnoreCase) || sources.IsExpectedOutput(file))
            {
                continue;
            }
            if (extension is ".yml" or ".yaml")
            {
                if (IsSigma(texts[file]))
                {
                    yield return Sigma(subject, texts[file]);
                }
                continue;
            }
            if (extension == ".csv")
            {
                if (Header(texts[file]).Contains("technique_id", StringComparison.OrdinalIgnoreCase))
                {
                    yield return Attack(subject, texts[file], TacticsBeside(file, texts));
                }
                continue;
            }
            if (!texts.TryGetValue(file, out var text))
            {
                continue;
            }
            if (caseFiles.TryGetValue(file, out var cases))
            {
                yield return Cases(subject, cases);
                continue;
            }
            yield return Parse(subject, text, sources.IsAllQuarantined(file), expectedBad);
            if (sources.ExpectedByLog.TryGetValue(file, out var expectedFile))
            {
                var (records, failures) = ExpectedOutputs.Compare(text, await File.ReadAllTextAsync(expectedFile, cancellationToken));
                yield return ConformanceCheck.From("expected", $"{subject} = {Path.GetRelativePath(root, expectedFile)}",
                    $"{records} expected records, {failures.Count} differences", failures);
            }
        }
    }

    /// <summary>The log files the parse check reads (not case files, expected outputs, rules or notes), in order.</summary>
    public static async Task<IReadOnlyList<string>> LogFilesAsync(string root, CancellationToken cancellationToken)
    {
        root = Path.GetFullPath(root);
        var sources = SourcesIndex.Read(root);
        var logs = new List<string>();
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal))
        {
            if (NotLogs.Contains(Path.GetExtension(file)) || sources.IsExpectedOutput(file)
                || CaseFiles.Cases(await File.ReadAllTextAsync(file, cancellationToken)) is not null)
            {
                continue;
            }
            logs.Add(file);
        }
        return logs;
    }

    /// <summary>Every line an event, or every line quarantined with a reason when the folder marks the file so.</summary>
    public static ConformanceCheck Parse(string subject, string text, bool allQuarantined, IReadOnlySet<string> expectedBad)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(expectedBad);
        int events = 0, quarantined = 0, allowed = 0;
        var failures = new List<string>();
        foreach (var (line, outcome) in Outcomes(text))
        {
            if (outcome.Event is not null)
            {
                events++;
                if (allQuarantined)
                {
                    failures.Add($"parsed, but the file is marked all-quarantined: {Clip(line)}");
                }
                continue;
            }
            quarantined++;
            if (string.IsNullOrWhiteSpace(outcome.Error))
            {
                failures.Add($"quarantined without a reason: {Clip(line)}");
            }
            else if (allQuarantined || (line is not null && expectedBad.Contains(line)))
            {
                allowed++;
            }
            else
            {
                failures.Add($"{outcome.Error}: {Clip(line)}");
            }
        }
        if (events + quarantined == 0)
        {
            failures.Add("no line in the file");
        }
        var summary = $"{events + quarantined} records, {events} events, {quarantined} quarantined" + (allowed > 0 ? $" ({allowed} expected)" : "");
        return ConformanceCheck.From("parse", subject, summary, failures);
    }

    private static IEnumerable<(string? Line, ParseOutcome Outcome)> Outcomes(string text)
    {
        // JSON texts may be pretty-printed or hold a Records envelope: the text parser splits them into records.
        if (text.TrimStart().StartsWith('{'))
        {
            foreach (var outcome in LogTextParser.ParseText(text, LogFormat.Auto, Options))
            {
                yield return (null, outcome);
            }
            yield break;
        }
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Trim().Length > 0)
            {
                yield return (line, LogLineParser.Parse(line, LogFormat.Auto, Options));
            }
        }
    }

    private static ConformanceCheck Cases(string subject, System.Text.Json.JsonElement[] cases)
    {
        var failures = new List<string>();
        foreach (var c in cases)
        {
            failures.AddRange(CaseFiles.Check(c).Select(f => $"{CaseFiles.Id(c)}: {f}"));
        }
        var failed = failures.Select(f => f[..f.IndexOf(':', StringComparison.Ordinal)]).Distinct(StringComparer.Ordinal).Count();
        return ConformanceCheck.From("cases", subject, $"{cases.Length} cases, {cases.Length - failed} conform", failures);
    }

    private static ConformanceCheck Sigma(string subject, string yaml)
    {
        var result = SigmaRuleImporter.Import(yaml, subject);
        if (result.Succeeded)
        {
            return ConformanceCheck.Pass("sigma", subject, $"imported as {result.Rule.Id} ({result.Rule.GetType().Name})");
        }
        // A rule we cannot run is refused, never half-imported: that is conformant when every reason is given.
        return result.Errors.Count > 0
            ? ConformanceCheck.Pass("sigma", subject, $"refused with {result.Errors.Count} reason(s)", result.Errors)
            : ConformanceCheck.Fail("sigma", subject, "refused without a reason", ["no reason given"]);
    }

    private static ConformanceCheck Attack(string subject, string techniques, string? tactics)
    {
        AttackCatalog catalog;
        try
        {
            using var techniqueReader = new StringReader(techniques);
            using var tacticReader = tactics is null ? null : new StringReader(tactics);
            catalog = AttackCatalog.FromCsv(techniqueReader, tacticReader);
        }
        catch (FormatException e)
        {
            return ConformanceCheck.Fail("attack", subject, "not imported", [e.Message]);
        }
        var failures = catalog.Techniques.Where(t => t.TacticIds.Count == 0).Select(t => $"{t.Id} {t.Name}: no known tactic").ToList();
        if (catalog.Techniques.Count == 0)
        {
            failures.Add("no technique");
        }
        var summary = $"{catalog.Techniques.Count} techniques, {catalog.Tactics.Count} tactics" + (tactics is null ? " (built-in tactics)" : "");
        return ConformanceCheck.From("attack", subject, summary, failures);
    }

    private static string? TacticsBeside(string file, Dictionary<string, string> texts) =>
        texts.Where(t => Path.GetDirectoryName(t.Key) == Path.GetDirectoryName(file) && t.Key.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)
                && Header(t.Value).Contains("tactic_id", StringComparison.OrdinalIgnoreCase) && !Header(t.Value).Contains("technique_id", StringComparison.OrdinalIgnoreCase))
            .Select(t => t.Value).FirstOrDefault();

    private static bool IsSigma(string yaml) =>
        yaml.Split('\n').Any(l => l.StartsWith("detection:", StringComparison.Ordinal) || l.StartsWith("correlation:", StringComparison.Ordinal));

    private static string Header(string text) => text.Split('\n', 2)[0];

    private static string Clip(string? line) => line is null ? "(a JSON record)" : line.Length <= 160 ? line : line[..160] + "…";
}
