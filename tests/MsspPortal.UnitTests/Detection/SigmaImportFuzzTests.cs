using MsspPortal.Core.Detection.Sigma;

namespace MsspPortal.UnitTests.Detection;

/// <summary>
/// Mutated rules (numbers blown up, lines deleted, values swapped for maps or lists, text truncated) must import or be
/// refused with a reason: an exception here was a 500 on the import page. Seeded, so a failure replays exactly.
/// </summary>
public sealed class SigmaImportFuzzTests
{
    private const int Mutations = 2000;

    private static readonly string[] Seeds =
    [
        """
        title: Brute force from one address
        id: fuzz-brute-force
        status: stable
        author: Fuzz
        tags:
          - attack.credential-access
          - attack.t1110
        logsource:
          category: authentication
        detection:
          selection:
            event.category: authentication
            event.outcome: failure
          timeframe: 5m
          condition: selection | count() by source.ip > 19
        level: high
        mssp_base_risk: 60
        """,
        """
        title: Spraying
        id: fuzz-spraying
        logsource:
          product: linux
          service: sshd
        detection:
          selection:
            outcome: failure
          filter:
            user.name|startswith:
              - svc_
              - backup
          timeframe: 10m
          condition: selection and not filter | count(user.name) by source.ip >= 10
        level: medium
        """,
        """
        title: Web attack keywords
        id: fuzz-web
        logsource:
          category: webserver
        detection:
          keywords:
            - 'union select'
            - '../../'
          status:
            http.status_code|gte: 500
            source.ip|cidr: 10.0.0.0/8
          condition: keywords or 1 of status*
        level: low
        """,
    ];

    private static readonly string[] Replacements =
    [
        "99999999999999999999", "-1", "0", "2147483647", "2147483648", "1e309", "NaN", "99999999999d", "0s", "-5m",
        "{a: 1}", "[1, [2]]", "[]", "{}", "~", "null", "''", "\"\"", "|", ">", "&a", "*a", "!!binary AAAA", "!!int x",
        "? [x]\n  : y", "count() by > 1", "selection | count() by source.ip > 99999999999999999999", "1 of *", "all of them",
        "not", "(", ")", "selection and", "\t", "'unterminated", "|re: '(('", "|cidr: 999.1.1.1/99", "|base64offset|contains: x",
    ];

    [Fact]
    public void Every_mutation_imports_or_is_refused_with_a_reason()
    {
        var random = new Random(20261129);
        var failures = new List<string>();
        for (var i = 0; i < Mutations; i++)
        {
            var seed = Seeds[random.Next(Seeds.Length)];
            var mutated = Mutate(seed, random, 1 + random.Next(3));
            try
            {
                var result = SigmaRuleImporter.Import(mutated);
                if (!result.Succeeded && (result.Errors.Count == 0 || result.Errors.Any(string.IsNullOrWhiteSpace)))
                {
                    failures.Add($"#{i}: refused without a reason\n{mutated}");
                }
            }
#pragma warning disable CA1031 // the point of the test: any exception is a finding, reported with its input
            catch (Exception ex)
#pragma warning restore CA1031
            {
                failures.Add($"#{i}: {ex.GetType().Name}: {ex.Message}\n{mutated}");
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {Mutations} mutations threw:\n\n" + string.Join("\n---\n", failures.Take(5)));
    }

    [Theory]
    [InlineData("condition: selection | count() by source.ip > 99999999999999999999", "99999999999999999999")]
    [InlineData("timeframe: 99999999999d", "99999999999d")]
    [InlineData("timeframe: 2147483647d", "2147483647d")]
    public void Numbers_too_large_are_refused_with_the_number_named(string replacement, string named)
    {
        var yaml = Seeds[0].Replace(replacement.StartsWith("condition", StringComparison.Ordinal)
            ? "condition: selection | count() by source.ip > 19" : "timeframe: 5m", replacement, StringComparison.Ordinal);

        var result = SigmaRuleImporter.Import(yaml);

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Contains(named, StringComparison.Ordinal));
    }

    private static string Mutate(string yaml, Random random, int steps)
    {
        var lines = yaml.Split('\n').ToList();
        for (var step = 0; step < steps && lines.Count > 0; step++)
        {
            var at = random.Next(lines.Count);
            var line = lines[at];
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            switch (random.Next(7))
            {
                case 0: // a field deleted
                    lines.RemoveAt(at);
                    break;
                case 1: // a value replaced by something hostile (a huge number, a map, a list, a tag)
                    if (colon > 0)
                    {
                        lines[at] = line[..(colon + 1)] + " " + Replacements[random.Next(Replacements.Length)];
                    }
                    break;
                case 2: // every number in the line blown up
                    lines[at] = System.Text.RegularExpressions.Regex.Replace(line, @"\d+", "99999999999999999999");
                    break;
                case 3: // a key turned into a list or a map (types swapped)
                    if (colon > 0)
                    {
                        var indent = line[..(line.Length - line.TrimStart().Length)];
                        var key = line[indent.Length..colon].Trim();
                        lines[at] = random.Next(2) == 0 ? $"{indent}? [{key}]\n{indent}: x" : $"{indent}{key}: {{k: [1, {{z: 2}}]}}";
                    }
                    break;
                case 4: // the text truncated anywhere
                    var text = string.Join('\n', lines);
                    return text[..random.Next(text.Length)];
                case 5: // a line duplicated (duplicate keys)
                    lines.Insert(at, line);
                    break;
                default: // a line moved to another indentation
                    lines[at] = new string(' ', random.Next(6)) + line.TrimStart();
                    break;
            }
        }
        return string.Join('\n', lines);
    }
}
