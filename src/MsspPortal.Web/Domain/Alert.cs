namespace MsspPortal.Web.Domain;

/// <summary>
/// A detection an analyst must look at. State changes go through its methods, each of which appends an
/// <see cref="AlertHistory"/> row: SLA clocks and KPIs are computed from that history, so nothing may bypass it.
/// </summary>
public sealed class Alert : ITenantOwned
{
    private readonly List<AlertHistory> _history = [];

    public long Id { get; set; }

    public Guid TenantId { get; set; }

    public string RuleId { get; set; } = "";

    public string Title { get; set; } = "";

    public AlertSeverity Severity { get; set; }

    /// <summary>0..100; the breakdown explains it.</summary>
    public int RiskScore { get; set; }

    public string? RiskBreakdown { get; set; }

    public AlertStatus Status { get; private set; } = AlertStatus.New;

    public string? AssigneeId { get; private set; }

    public DateTimeOffset DetectedAt { get; set; }

    public DateTimeOffset? AcknowledgedAt { get; private set; }

    public DateTimeOffset? ResolvedAt { get; private set; }

    public string? SourceIp { get; set; }

    public string? DestinationIp { get; set; }

    public string? UserName { get; set; }

    public string? HostName { get; set; }

    /// <summary>ATT&amp;CK technique ids, comma-separated (T1110,T1078).</summary>
    public string Techniques { get; set; } = "";

    public int EventCount { get; set; } = 1;

    /// <summary>
    /// On a burst summary (see AlertDeduplication.SummaryKeyOf): the detections folded into it instead of raising an
    /// alert each, because their rule had raised its hourly budget for the tenant. Zero on ordinary alerts.
    /// </summary>
    public int SuppressedCount { get; set; }

    public DateTimeOffset FirstSeen { get; set; }

    public DateTimeOffset LastSeen { get; set; }

    public long? AssetId { get; set; }

    public long? IncidentId { get; set; }

    /// <summary>rule id | group key (AlertDeduplication.KeyOf): further detections of an open alert merge into it.</summary>
    public string? DedupKey { get; set; }

    /// <summary>Who wrote the rule; Sigma's DRL requires showing it with the alert.</summary>
    public string? RuleAuthor { get; set; }

    /// <summary>The rule's base risk and the intel confidence at detection, kept so the alert can be rescored.</summary>
    public int? BaseRisk { get; set; }

    public int? IntelConfidence { get; set; }

    /// <summary>The score's factors as JSON (name, kind, value, reason), shown on the details page.</summary>
    public string? RiskFactors { get; set; }

    public IReadOnlyList<AlertHistory> History => _history;

    /// <summary>Records the alert's birth so that its history is complete from the first moment.</summary>
    public static Alert Raise(Guid tenantId, string ruleId, string title, AlertSeverity severity, int riskScore, DateTimeOffset detectedAt)
    {
        var alert = new Alert
        {
            TenantId = tenantId,
            RuleId = ruleId,
            Title = title,
            Severity = severity,
            RiskScore = Math.Clamp(riskScore, 0, 100),
            DetectedAt = detectedAt,
            FirstSeen = detectedAt,
            LastSeen = detectedAt,
        };
        alert.Record(null, detectedAt, nameof(Status), null, AlertStatus.New.ToString(), "Raised by detection");
        return alert;
    }

    public void Acknowledge(string userId, DateTimeOffset at)
    {
        if (Status != AlertStatus.New)
        {
            return;
        }
        AcknowledgedAt = at;
        ChangeStatus(AlertStatus.Acknowledged, userId, at, null);
    }

    public void Assign(string? assigneeId, string userId, DateTimeOffset at)
    {
        if (AssigneeId == assigneeId)
        {
            return;
        }
        Record(userId, at, nameof(AssigneeId), AssigneeId, assigneeId, null);
        AssigneeId = assigneeId;
    }

    public void ChangeStatus(AlertStatus status, string? userId, DateTimeOffset at, string? reason)
    {
        if (Status == status)
        {
            return;
        }
        if (status != AlertStatus.New && AcknowledgedAt is null)
        {
            // Any move out of New counts as the acknowledgement for time-to-acknowledge.
            AcknowledgedAt = at;
        }
        if (status is AlertStatus.Resolved or AlertStatus.FalsePositive)
        {
            ResolvedAt = at;
        }
        else
        {
            ResolvedAt = null;
        }
        Record(userId, at, nameof(Status), Status.ToString(), status.ToString(), reason);
        Status = status;
    }

    /// <summary>Merges further detections of the same key: more events, a later last-seen.</summary>
    public void AddEvents(int count, DateTimeOffset lastSeen, DateTimeOffset at)
    {
        if (count <= 0)
        {
            return;
        }
        var total = EventCount + count;
        Record(null, at, nameof(EventCount), EventCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
            total.ToString(System.Globalization.CultureInfo.InvariantCulture), "Further detections of the same rule and entity");
        EventCount = total;
        if (lastSeen > LastSeen)
        {
            LastSeen = lastSeen;
        }
    }

    /// <summary>A detection over the hourly budget of its rule: its events count here, it raises no alert of its own.</summary>
    public void Fold(int events, DateTimeOffset lastSeen, DateTimeOffset at)
    {
        AddEvents(events, lastSeen, at);
        SuppressedCount++;
    }

    public bool IsOpen => Status is not (AlertStatus.Resolved or AlertStatus.FalsePositive);

    public void Rescore(int riskScore, string? breakdown, DateTimeOffset at, string reason, string? factors = null)
    {
        var clamped = Math.Clamp(riskScore, 0, 100);
        if (clamped == RiskScore)
        {
            return;
        }
        RiskFactors = factors ?? RiskFactors;
        Record(null, at, nameof(RiskScore), RiskScore.ToString(System.Globalization.CultureInfo.InvariantCulture),
            clamped.ToString(System.Globalization.CultureInfo.InvariantCulture), reason);
        RiskScore = clamped;
        RiskBreakdown = breakdown;
    }

    private void Record(string? userId, DateTimeOffset at, string field, string? from, string? to, string? reason) =>
        _history.Add(new AlertHistory
        {
            TenantId = TenantId,
            UserId = userId,
            At = at,
            Field = field,
            From = from,
            To = to,
            Reason = reason,
        });
}

public sealed class AlertHistory : ITenantOwned
{
    public long Id { get; set; }

    public Guid TenantId { get; set; }

    public long AlertId { get; set; }

    /// <summary>Null when the system made the change (detection, rescoring).</summary>
    public string? UserId { get; set; }

    public DateTimeOffset At { get; set; }

    public string Field { get; set; } = "";

    public string? From { get; set; }

    public string? To { get; set; }

    public string? Reason { get; set; }
}

public enum AlertSeverity
{
    Low,
    Medium,
    High,
    Critical,
}

public enum AlertStatus
{
    New,
    Acknowledged,
    InProgress,
    Escalated,
    Resolved,
    FalsePositive,
}
