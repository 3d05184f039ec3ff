namespace MsspPortal.Web.Domain;

/// <summary>
/// A tenant's choice about one built-in rule (built-ins are code, shared by every tenant): enabled or not, and
/// an optional threshold and window that replace the rule's own for this tenant only.
/// </summary>
public sealed class TenantRuleSetting : ITenantOwned
{
    public long Id { get; set; }

    public Guid TenantId { get; set; }

    public string RuleId { get; set; } = "";

    public bool Enabled { get; set; } = true;

    public int? ThresholdOverride { get; set; }

    /// <summary>Seconds; whole seconds because every built-in window is, and both providers store an int the same way.</summary>
    public int? WindowSecondsOverride { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>
/// A rule of one tenant, stored as Sigma YAML whether it was imported or made with the form, so there is one
/// format to read, test and export. The author is kept because Sigma's DRL requires showing it with alerts.
/// </summary>
public sealed class TenantRule : ITenantOwned
{
    public long Id { get; set; }

    public Guid TenantId { get; set; }

    /// <summary>The rule's id inside the engine and in alert keys; unique per tenant.</summary>
    public string RuleId { get; set; } = "";

    public string Title { get; set; } = "";

    public string Author { get; set; } = "";

    public TenantRuleOrigin Origin { get; set; }

    public string SigmaYaml { get; set; } = "";

    /// <summary>The form's fields as JSON, for rules made with the form (so they can be edited in it).</summary>
    public string? FormJson { get; set; }

    public bool Enabled { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

public enum TenantRuleOrigin
{
    Form,
    SigmaImport,
}

/// <summary>A period when the tenant's services in scope matter more: a sales promotion, month-end closing.</summary>
public sealed class ProtectionWindow : ITenantOwned
{
    public long Id { get; set; }

    public Guid TenantId { get; set; }

    public string Name { get; set; } = "";

    public DateTimeOffset StartsAt { get; set; }

    public DateTimeOffset EndsAt { get; set; }

    /// <summary>Business services in scope, comma-separated; empty means all of the tenant's services.</summary>
    public string Services { get; set; } = "";

    /// <summary>The score multiplier while the window is open (docs/scoring.md).</summary>
    public double Weight { get; set; } = 1.2;

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>How far detection has read a tenant's events: a retried chunk is skipped, so it raises nothing twice.</summary>
public sealed class DetectionCursor : ITenantOwned
{
    public Guid TenantId { get; set; }

    public long LastEventId { get; set; }
}

/// <summary>
/// Which worker runs a tenant's detection now, and the tenant's open windows as last saved. Windows (thresholds,
/// sequences, distinct counts) live in one process's memory, so a tenant has one owner at a time, held by a lease
/// like a batch's; the owner saves the windows at a bounded interval and whenever it lets go, and the next owner
/// (another worker, or this one after a restart) starts from them. docs/scaling.md.
/// </summary>
public sealed class DetectionOwnership : ITenantOwned
{
    public Guid TenantId { get; set; }

    /// <summary>The owning process (host, process id, a random part); null when nobody holds the tenant.</summary>
    public string? Owner { get; set; }

    public DateTimeOffset? LeaseUntil { get; set; }

    /// <summary>
    /// Counts saves: a worker whose memory holds the version stored here (it wrote it) carries on without restoring;
    /// any other restores <see cref="State"/>.
    /// </summary>
    public long StateVersion { get; set; }

    /// <summary>The tenant's <c>EngineSnapshot</c> as JSON; null before the first save.</summary>
    public string? State { get; set; }

    public DateTimeOffset? StateSavedAt { get; set; }
}
