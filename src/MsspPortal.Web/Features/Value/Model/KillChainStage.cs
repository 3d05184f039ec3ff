using MsspPortal.Core.Attack;

namespace MsspPortal.Web.Features.Value.Model;

// The stage of the kill chain at which an attack was stopped: the earlier, the less likely it would have become a
// loss. ATT&CK's fourteen tactics folded into five stages (the value report's words, not MITRE's).
public enum KillChainStage
{
    Reconnaissance,
    Delivery,
    Exploitation,
    Lateral,
    Impact,
}

public static class KillChain
{
    private static readonly Dictionary<string, KillChainStage> ByTactic = new(StringComparer.OrdinalIgnoreCase)
    {
        ["TA0043"] = KillChainStage.Reconnaissance, // reconnaissance
        ["TA0042"] = KillChainStage.Reconnaissance, // resource development
        ["TA0001"] = KillChainStage.Delivery, // initial access
        ["TA0002"] = KillChainStage.Exploitation, // execution
        ["TA0003"] = KillChainStage.Exploitation, // persistence
        ["TA0004"] = KillChainStage.Exploitation, // privilege escalation
        ["TA0005"] = KillChainStage.Exploitation, // defense evasion
        ["TA0006"] = KillChainStage.Exploitation, // credential access
        ["TA0007"] = KillChainStage.Exploitation, // discovery
        ["TA0008"] = KillChainStage.Lateral, // lateral movement
        ["TA0009"] = KillChainStage.Lateral, // collection
        ["TA0011"] = KillChainStage.Lateral, // command and control
        ["TA0010"] = KillChainStage.Impact, // exfiltration
        ["TA0040"] = KillChainStage.Impact, // impact
    };

    // "delivery": the suffix of per-stage keys and assumption keys.
    public static string Name(KillChainStage stage) => stage.ToString().ToLowerInvariant();

    // The ATT&CK tactic ids folded into a stage, for the figures' formulas.
    public static IEnumerable<string> Tactics(KillChainStage stage) => ByTactic.Where(kv => kv.Value == stage).Select(kv => kv.Key);

    public static KillChainStage? OfTactic(string tacticId) => ByTactic.TryGetValue(tacticId.Trim(), out var stage) ? stage : null;

    // The furthest stage among the techniques' tactics (techniques comma-separated, as Alert.Techniques holds them);
    // null when no technique is known to the catalogue.
    public static KillChainStage? Furthest(string? techniques, AttackCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        KillChainStage? furthest = null;
        foreach (var id in (techniques ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            foreach (var tactic in catalog.Find(id)?.TacticIds ?? [])
            {
                if (OfTactic(tactic) is { } stage && (furthest is null || stage > furthest))
                {
                    furthest = stage;
                }
            }
        }
        return furthest;
    }
}
