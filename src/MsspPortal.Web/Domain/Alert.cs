namespace MsspPortal.Web.Domain;

// A detection an analyst must look at. State changes go through its methods, each of which appends an AlertHistory
// row: SLA clocks and KPIs are computed from that history, so nothing may bypass it.
public sealed class Alert : ITenantOwned
{
    private readonly List<AlertHistory> _history = [];

    public long Id { get; private set; }

    public Guid TenantId { get; private set; }

    public string RuleId { get; private set; } = "";

    public string Title { get; private set; } = "";

    public AlertSeverity Severity { get; private set; }

    // 0..100; the breakdown explains it.
    public int RiskScore { get; private set; }

    public string? RiskBreakdown { get; private set; }

    public AlertStatus Status { get; private set; } = AlertStatus.New;

    public string? AssigneeId { get; private set; }

    public DateTimeOffset DetectedAt { get; private set; }

    public DateTimeOffset? AcknowledgedAt { get; private set; }

    public DateTimeOffset? ResolvedAt { get; private set; }

    // Set when the alert is resolved: what it turned out to be, and why the analyst says so.
    public AlertDisposition? Disposition { get; private set; }

    public string? DispositionReason { get; private set; }

    // The contract's service levels for the alert's severity at detection (SlaClock); null without a contract.
    public DateTimeOffset? AcknowledgeDueAt { get; private set; }

    public DateTimeOffset? ResolveDueAt { get; private set; }

    // Set while the alert waits on the customer: the SLA clock stands still.
    public DateTimeOffset? ClockPausedAt { get; private set; }

    public string? SourceIp { get; private set; }

    public string? DestinationIp { get; private set; }

    public string? UserName { get; private set; }

    public string? HostName { get; private set; }

    // ATT&amp;CK technique ids, comma-separated (T1110,T1078).
    public string Techniques { get; private set; } = "";

    public int EventCount { get; private set; } = 1;

    // On a burst summary (see AlertDeduplication.SummaryKeyOf): the detections folded into it instead of raising an
    // alert each, because their rule had raised its hourly budget for the tenant. Zero on ordinary alerts.
    public int SuppressedCount { get; private set; }

    public DateTimeOffset FirstSeen { get; private set; }

    public DateTimeOffset LastSeen { get; private set; }

    public long? AssetId { get; private set; }

    public long? IncidentId { get; private set; }

    // rule id | group key (AlertDeduplication.KeyOf): further detections of an open alert merge into it.
    public string? DedupKey { get; private set; }

    // Who wrote the rule; Sigma's DRL requires showing it with the alert.
    public string? RuleAuthor { get; private set; }

    // The rule's base risk and the intel confidence at detection, kept so the alert can be rescored.
    public int? BaseRisk { get; private set; }

    public int? IntelConfidence { get; private set; }

    // The score's factors as JSON (name, kind, value, reason), shown on the details page.
    public string? RiskFactors { get; private set; }

    // Set on a duplicate folded into another alert of the same attack (MergeInto): the survivor carries the verdict.
    public long? MergedIntoId { get; private set; }

    public IReadOnlyList<AlertHistory> History => _history;

    private Alert()
    {
    }

    // Records the alert's birth so that its history is complete from the first moment.
    public static Alert Raise(Guid tenantId, string ruleId, string title, AlertSeverity severity, int riskScore, DateTimeOffset detectedAt,
        AlertFacts? facts = null)
    {
        facts ??= new AlertFacts();
        var alert = new Alert
        {
            TenantId = tenantId,
            RuleId = ruleId,
            Title = title,
            Severity = severity,
            RiskScore = Math.Clamp(riskScore, 0, 100),
            DetectedAt = detectedAt,
            FirstSeen = facts.FirstSeen ?? detectedAt,
            LastSeen = facts.LastSeen ?? detectedAt,
            EventCount = Math.Max(1, facts.EventCount),
            SuppressedCount = Math.Max(0, facts.SuppressedCount),
            DedupKey = facts.DedupKey,
            RuleAuthor = facts.RuleAuthor,
            BaseRisk = facts.BaseRisk,
            IntelConfidence = facts.IntelConfidence,
            RiskBreakdown = facts.RiskBreakdown,
            RiskFactors = facts.RiskFactors,
            Techniques = facts.Techniques,
            SourceIp = facts.SourceIp,
            DestinationIp = facts.DestinationIp,
            UserName = facts.UserName,
            HostName = facts.HostName,
            AssetId = facts.AssetId,
        };
        if (facts.Sla is { } sla)
        {
            (alert.AcknowledgeDueAt, alert.ResolveDueAt) = SlaClock.Start(detectedAt, sla);
        }
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

    // Moves an open alert through triage, or reopens a resolved one. A change to the current status writes nothing;
    // back to New is refused; resolving goes through Resolve, which asks for a disposition.
    public void ChangeStatus(AlertStatus status, string? userId, DateTimeOffset at, string? reason)
    {
        if (!Enum.IsDefined(status))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown alert status.");
        }
        if (status == AlertStatus.Resolved)
        {
            throw new InvalidOperationException($"Alert {Id} is resolved with a disposition and a reason (Resolve), not by a status change.");
        }
        MoveTo(status, userId, at, reason);
    }

    // Closes the alert: what it was (disposition, a field rather than a status, so "resolved" counts stay whole) and why.
    public void Resolve(AlertDisposition disposition, string reason, string? userId, DateTimeOffset at)
    {
        if (!Enum.IsDefined(disposition))
        {
            throw new ArgumentOutOfRangeException(nameof(disposition), disposition, "Unknown disposition.");
        }
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (Status == AlertStatus.Resolved && Disposition == disposition)
        {
            return;
        }
        if (MergedIntoId is { } survivorId)
        {
            throw new InvalidOperationException($"Alert {Id} was merged into alert #{survivorId}; resolve that alert.");
        }
        if (Disposition != disposition)
        {
            Record(userId, at, nameof(Disposition), Disposition?.ToString(), disposition.ToString(), reason);
        }
        (Disposition, DispositionReason) = (disposition, reason.Trim());
        MoveTo(AlertStatus.Resolved, userId, at, reason);
    }

    // Raises the alert to the senior tier. True when it is an emergency (a Critical alert), which the caller announces.
    public bool Escalate(string? userId, DateTimeOffset at, string? reason)
    {
        MoveTo(AlertStatus.Escalated, userId, at, reason);
        return Severity == AlertSeverity.Critical;
    }

    // The emergency was announced to the tenant's joint committee; kept on the alert so the activation can be traced.
    public void NoteEmergency(string? userId, DateTimeOffset at, string reason) =>
        Record(userId, at, "Emergency", null, "Announced", reason);

    private void MoveTo(AlertStatus status, string? userId, DateTimeOffset at, string? reason)
    {
        if (Status == status)
        {
            return;
        }
        if (MergedIntoId is { } survivorId)
        {
            // A merged duplicate lives on in its survivor; reopening or judging it would count the attack twice.
            throw new InvalidOperationException($"Alert {Id} was merged into alert #{survivorId}; act on that alert.");
        }
        if (status == AlertStatus.New)
        {
            // New means nobody has looked yet: once someone has, the SLA clock for acknowledgement has stopped for good.
            throw new InvalidOperationException($"Alert {Id} cannot go back to {AlertStatus.New} from {Status}.");
        }
        if (AcknowledgedAt is null)
        {
            // Any move out of New counts as the acknowledgement for time-to-acknowledge.
            AcknowledgedAt = at;
        }
        if (Status == AlertStatus.WaitingOnCustomer && ClockPausedAt is { } pausedAt)
        {
            AcknowledgeDueAt = SlaClock.Resume(AcknowledgeDueAt, pausedAt, at);
            ResolveDueAt = SlaClock.Resume(ResolveDueAt, pausedAt, at);
            ClockPausedAt = null;
        }
        if (status == AlertStatus.WaitingOnCustomer)
        {
            ClockPausedAt = at;
        }
        if (status == AlertStatus.Resolved)
        {
            ResolvedAt = at;
        }
        else
        {
            ResolvedAt = null;
            if (Disposition is not null)
            {
                // Reopened: what it was said to be no longer holds.
                Record(userId, at, nameof(Disposition), Disposition.ToString(), null, reason);
                (Disposition, DispositionReason) = (null, null);
            }
        }
        Record(userId, at, nameof(Status), Status.ToString(), status.ToString(), reason);
        Status = status;
    }

    // Groups the alert into an incident (or takes it out, with null).
    public void LinkToIncident(long? incidentId, string? userId, DateTimeOffset at)
    {
        if (IncidentId == incidentId)
        {
            return;
        }
        Record(userId, at, nameof(IncidentId), Invariant(IncidentId), Invariant(incidentId), null);
        IncidentId = incidentId;
    }

    // Folds this duplicate into the survivor, an open alert of the same tenant that stands for the same attack. The
    // duplicate ends resolved without a disposition (the survivor's verdict counts, once); the survivor takes its events
    // and time span. Both histories say so. The caller copies the contributing-event links.
    public void MergeInto(Alert survivor, string? userId, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(survivor);
        if (survivor.TenantId != TenantId)
        {
            // Tenants never share an alert, whoever asks.
            throw new InvalidOperationException($"Alert {Id} cannot be merged into alert #{survivor.Id} of another tenant.");
        }
        if (ReferenceEquals(survivor, this) || (Id != 0 && survivor.Id == Id))
        {
            throw new InvalidOperationException($"Alert {Id} cannot be merged into itself.");
        }
        if (MergedIntoId is { } earlier)
        {
            throw new InvalidOperationException($"Alert {Id} is already merged into alert #{earlier}.");
        }
        if (survivor.MergedIntoId is { } further)
        {
            throw new InvalidOperationException($"Alert #{survivor.Id} was itself merged into alert #{further}; merge into that one.");
        }
        if (!survivor.IsOpen)
        {
            throw new InvalidOperationException($"Alert #{survivor.Id} is resolved; merge into an open alert or reopen it first.");
        }
        if (!IsOpen)
        {
            // Its verdict is already counted; folding it now would take it back silently.
            throw new InvalidOperationException($"Alert {Id} is resolved as {Disposition}; reopen it before merging it.");
        }
        var reason = $"Merged into #{survivor.Id}";
        Record(userId, at, nameof(MergedIntoId), null, Invariant(survivor.Id), reason);
        MoveTo(AlertStatus.Resolved, userId, at, reason);
        MergedIntoId = survivor.Id;
        survivor.Absorb(this, userId, at);
    }

    // The survivor's side of MergeInto: only reached from there, after the rules were checked.
    private void Absorb(Alert duplicate, string? userId, DateTimeOffset at)
    {
        // The survivor keeps its own score (its factors explain it); the duplicate's is kept in the history's reason.
        Record(userId, at, "Absorbed", null, "#" + Invariant(duplicate.Id),
            $"Absorbed #{duplicate.Id}: {duplicate.EventCount} events, risk {duplicate.RiskScore}, {duplicate.Title}");
        var total = EventCount + duplicate.EventCount;
        Record(userId, at, nameof(EventCount), Invariant(EventCount), Invariant(total), $"Absorbed #{duplicate.Id}");
        EventCount = total;
        if (duplicate.FirstSeen < FirstSeen)
        {
            FirstSeen = duplicate.FirstSeen;
        }
        if (duplicate.LastSeen > LastSeen)
        {
            LastSeen = duplicate.LastSeen;
        }
    }

    // Merges further detections of the same key: more events, a later last-seen.
    public void AddEvents(int count, DateTimeOffset lastSeen, DateTimeOffset at)
    {
        if (count <= 0)
        {
            return;
        }
        var total = EventCount + count;
        Record(null, at, nameof(EventCount), Invariant(EventCount), Invariant(total), "Further detections of the same rule and entity");
        EventCount = total;
        if (lastSeen > LastSeen)
        {
            LastSeen = lastSeen;
        }
    }

    // A detection over the hourly budget of its rule: its events count here, it raises no alert of its own.
    public void Fold(int events, DateTimeOffset lastSeen, DateTimeOffset at)
    {
        AddEvents(events, lastSeen, at);
        SuppressedCount++;
    }

    public bool IsOpen => Status != AlertStatus.Resolved;

    public void Rescore(int riskScore, string? breakdown, DateTimeOffset at, string reason, string? factors = null)
    {
        var clamped = Math.Clamp(riskScore, 0, 100);
        if (clamped == RiskScore)
        {
            return;
        }
        RiskFactors = factors ?? RiskFactors;
        Record(null, at, nameof(RiskScore), Invariant(RiskScore), Invariant(clamped), reason);
        RiskScore = clamped;
        RiskBreakdown = breakdown;
    }

    // The asset and intel confidence a rescore was computed with, kept so the next rescore starts from them.
    public void Rescore(int riskScore, string? breakdown, DateTimeOffset at, string reason, string? factors, long? assetId, int? intelConfidence)
    {
        Rescore(riskScore, breakdown, at, reason, factors);
        (AssetId, IntelConfidence) = (assetId, intelConfidence);
    }

    private static string? Invariant(long? value) => value?.ToString(System.Globalization.CultureInfo.InvariantCulture);

    // Lets go of the history rows already written: an alert kept in memory across units of work (detection keeps a
    // batch's open alerts) would otherwise carry every row it ever wrote into each change-tracker scan.
    internal void ForgetSavedHistory() => _history.RemoveAll(h => h.Id != 0);

    // Takes the rows not yet written out of the alert, for a writer that saves them itself (AlertHistoryRows).
    internal List<AlertHistory>? TakeUnsavedHistory()
    {
        List<AlertHistory>? taken = null;
        for (var i = _history.Count - 1; i >= 0; i--)
        {
            if (_history[i].Id == 0)
            {
                (taken ??= []).Add(_history[i]);
                _history.RemoveAt(i);
            }
        }
        taken?.Reverse();
        return taken;
    }

    private void Record(string? userId, DateTimeOffset at, string field, string? from, string? to, string? reason) =>
        _history.Add(AlertHistory.Change(this, userId, at, field, from, to, reason));
}

// What detection knows about an alert when it raises it, besides rule, title, severity and score.
public sealed record AlertFacts
{
    public string? DedupKey { get; init; }

    public string? RuleAuthor { get; init; }

    public int? BaseRisk { get; init; }

    public int? IntelConfidence { get; init; }

    public string? RiskBreakdown { get; init; }

    public string? RiskFactors { get; init; }

    public string Techniques { get; init; } = "";

    public string? SourceIp { get; init; }

    public string? DestinationIp { get; init; }

    public string? UserName { get; init; }

    public string? HostName { get; init; }

    public long? AssetId { get; init; }

    // The tenant's contract terms for the alert's severity; starts the SLA clock.
    public SlaTerms? Sla { get; init; }

    public int EventCount { get; init; } = 1;

    // One on a burst summary (it stands for the first detection it folded), zero otherwise.
    public int SuppressedCount { get; init; }

    public DateTimeOffset? FirstSeen { get; init; }

    public DateTimeOffset? LastSeen { get; init; }
}

// One change of one alert field: written by the alert's own methods, never edited.
public sealed class AlertHistory : ITenantOwned
{
    private AlertHistory()
    {
    }

    public long Id { get; private set; }

    public Guid TenantId { get; private set; }

    public long AlertId { get; private set; }

    // Null when the system made the change (detection, rescoring).
    public string? UserId { get; private set; }

    public DateTimeOffset At { get; private set; }

    public string Field { get; private set; } = "";

    public string? From { get; private set; }

    public string? To { get; private set; }

    public string? Reason { get; private set; }

    internal static AlertHistory Change(Alert alert, string? userId, DateTimeOffset at, string field, string? from, string? to, string? reason) =>
        new()
        {
            TenantId = alert.TenantId,
            AlertId = alert.Id,
            UserId = userId,
            At = at,
            Field = field,
            From = from,
            To = to,
            Reason = reason,
        };

    // The bulk path writes the row itself (AlertHistoryRows) and hands back the ids the database gave it.
    internal void Written(long id, long alertId) => (Id, AlertId) = (id, alertId);
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
    // The analyst needs an answer from the customer; the SLA clock pauses until the alert moves on.
    WaitingOnCustomer,
    Resolved,
}
