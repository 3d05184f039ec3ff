using MsspPortal.Core.Intel;

namespace MsspPortal.Core.Attack;

/// <summary>
/// Tactics and techniques of ATT&amp;CK Enterprise. <see cref="BuiltIn"/> knows the 14 tactics and the techniques
/// our built-in rules name; load the full list from MITRE's CSV or STIX bundle for the complete matrix.
/// </summary>
public sealed class AttackCatalog
{
    private readonly Dictionary<string, AttackTechnique> _techniques;
    private readonly Dictionary<string, AttackTactic> _tacticsById;

    public AttackCatalog(IEnumerable<AttackTactic> tactics, IEnumerable<AttackTechnique> techniques)
    {
        Tactics = [.. tactics.OrderBy(t => t.Order)];
        _tacticsById = Tactics.ToDictionary(t => t.Id, StringComparer.OrdinalIgnoreCase);
        _techniques = new Dictionary<string, AttackTechnique>(StringComparer.OrdinalIgnoreCase);
        foreach (var technique in techniques)
        {
            _techniques[technique.Id] = technique;
        }
    }

    public static IReadOnlyList<AttackTactic> EnterpriseTactics { get; } =
    [
        new("TA0043", "Reconnaissance", "reconnaissance", 0),
        new("TA0042", "Resource Development", "resource-development", 1),
        new("TA0001", "Initial Access", "initial-access", 2),
        new("TA0002", "Execution", "execution", 3),
        new("TA0003", "Persistence", "persistence", 4),
        new("TA0004", "Privilege Escalation", "privilege-escalation", 5),
        new("TA0005", "Defense Evasion", "defense-evasion", 6),
        new("TA0006", "Credential Access", "credential-access", 7),
        new("TA0007", "Discovery", "discovery", 8),
        new("TA0008", "Lateral Movement", "lateral-movement", 9),
        new("TA0009", "Collection", "collection", 10),
        new("TA0011", "Command and Control", "command-and-control", 11),
        new("TA0010", "Exfiltration", "exfiltration", 12),
        new("TA0040", "Impact", "impact", 13),
    ];

    /// <summary>Techniques named by the built-in rules, with short names written by us.</summary>
    public static AttackCatalog BuiltIn { get; } = new(EnterpriseTactics,
    [
        new("T1046", "Network Service Discovery", ["TA0007"]),
        new("T1071", "Application Layer Protocol", ["TA0011"]),
        new("T1078", "Valid Accounts", ["TA0001", "TA0003", "TA0004", "TA0005"]),
        new("T1110", "Brute Force", ["TA0006"]),
        new("T1110.003", "Password Spraying", ["TA0006"]),
        new("T1133", "External Remote Services", ["TA0001", "TA0003"]),
        new("T1190", "Exploit Public-Facing Application", ["TA0001"]),
        new("T1498", "Network Denial of Service", ["TA0040"]),
        new("T1499", "Endpoint Denial of Service", ["TA0040"]),
    ]);

    public IReadOnlyList<AttackTactic> Tactics { get; }

    public IReadOnlyCollection<AttackTechnique> Techniques => _techniques.Values;

    public AttackTactic? Tactic(string id) => _tacticsById.GetValueOrDefault(id);

    /// <summary>A technique by id; an unknown sub-technique falls back to its parent.</summary>
    public AttackTechnique? Find(string id)
    {
        if (_techniques.TryGetValue(id, out var technique))
        {
            return technique;
        }
        var dot = id.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && _techniques.TryGetValue(id[..dot], out var parent) ? parent : null;
    }

    /// <summary>The latest kill-chain stage among the techniques' tactics (what the risk score weighs).</summary>
    public AttackTactic? LatestTactic(IEnumerable<string> techniqueIds)
    {
        AttackTactic? latest = null;
        foreach (var id in techniqueIds)
        {
            foreach (var tacticId in Find(id)?.TacticIds ?? [])
            {
                if (Tactic(tacticId) is { } tactic && (latest is null || tactic.Order > latest.Order))
                {
                    latest = tactic;
                }
            }
        }
        return latest;
    }

    /// <summary>
    /// Reads MITRE's technique list as CSV with a header naming at least <c>technique_id,name,tactics</c>; the
    /// tactics column may hold names, short names or ids, joined by ';'. An optional <c>tactic_ids</c> column wins.
    /// </summary>
    public static AttackCatalog FromCsv(TextReader techniquesCsv, TextReader? tacticsCsv = null)
    {
        var tactics = tacticsCsv is null ? EnterpriseTactics : ReadTactics(tacticsCsv);
        var lookup = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var tactic in tactics)
        {
            lookup[tactic.Id] = tactic.Id;
            lookup[tactic.Name] = tactic.Id;
            lookup[tactic.ShortName] = tactic.Id;
        }

        var header = CsvLine.Split(techniquesCsv.ReadLine() ?? throw new FormatException("The technique CSV is empty."))
            .Select(h => h.Trim().ToLowerInvariant()).ToList();
        int idAt = header.IndexOf("technique_id"), nameAt = header.IndexOf("name"), tacticsAt = header.IndexOf("tactics"), tacticIdsAt = header.IndexOf("tactic_ids");
        if (idAt < 0 || nameAt < 0 || (tacticsAt < 0 && tacticIdsAt < 0))
        {
            throw new FormatException("The technique CSV needs the columns technique_id, name and tactics.");
        }
        var techniques = new List<AttackTechnique>();
        while (techniquesCsv.ReadLine() is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            var fields = CsvLine.Split(line);
            var tacticText = tacticIdsAt >= 0 && tacticIdsAt < fields.Count ? fields[tacticIdsAt] : fields[tacticsAt];
            var tacticIds = tacticText.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(t => lookup.GetValueOrDefault(t)).OfType<string>().ToList();
            techniques.Add(new AttackTechnique(fields[idAt].Trim(), fields[nameAt].Trim(), tacticIds));
        }
        return new AttackCatalog(tactics, techniques);
    }

    private static List<AttackTactic> ReadTactics(TextReader csv)
    {
        var header = CsvLine.Split(csv.ReadLine() ?? "").Select(h => h.Trim().ToLowerInvariant()).ToList();
        int idAt = header.IndexOf("tactic_id"), nameAt = header.IndexOf("name"), shortAt = header.IndexOf("shortname");
        if (idAt < 0 || nameAt < 0 || shortAt < 0)
        {
            throw new FormatException("The tactic CSV needs the columns tactic_id, name and shortname, in matrix order.");
        }
        var tactics = new List<AttackTactic>();
        while (csv.ReadLine() is { } line)
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                var fields = CsvLine.Split(line);
                tactics.Add(new AttackTactic(fields[idAt].Trim(), fields[nameAt].Trim(), fields[shortAt].Trim(), tactics.Count));
            }
        }
        return tactics;
    }

    public static AttackCatalog FromStixBundle(Stream json) => AttackStixReader.Read(json);
}
