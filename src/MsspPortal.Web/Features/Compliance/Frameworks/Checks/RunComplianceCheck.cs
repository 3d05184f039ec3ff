using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Features.Compliance.Frameworks.Catalogs;

namespace MsspPortal.Web.Features.Compliance.Frameworks.Checks;

// Evaluates one framework of one tenant for a month that has ended and freezes the result, with each control's status
// in the previous check beside it. A month already checked is left as it is (Frozen = false, the existing id).
public sealed record RunComplianceCheck(Guid TenantId, string FrameworkId, DateOnly Month) : ICommand<ComplianceCheckOutcome>;

public sealed record ComplianceCheckOutcome(long? CheckId, bool Frozen, string? Error = null);

internal sealed class RunComplianceCheckHandler(PortalDbContext db, FrameworkCatalog catalog, TimeProvider clock)
    : ICommandHandler<RunComplianceCheck, ComplianceCheckOutcome>
{
    public async ValueTask<ComplianceCheckOutcome> Handle(RunComplianceCheck command, CancellationToken cancellationToken)
    {
        var month = new DateOnly(command.Month.Year, command.Month.Month, 1);
        var existing = await db.ComplianceChecks.AsNoTracking()
            .Where(c => c.TenantId == command.TenantId && c.FrameworkId == command.FrameworkId && c.Month == month).Select(c => (long?)c.Id).FirstOrDefaultAsync(cancellationToken);
        if (existing is not null)
        {
            return new(existing, false);
        }
        var tenant = await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Id == command.TenantId, cancellationToken);
        var applies = await db.TenantFrameworks.AsNoTracking().AnyAsync(f => f.TenantId == command.TenantId && f.FrameworkId == command.FrameworkId, cancellationToken);
        if (tenant is null || !applies || catalog.Find(command.FrameworkId) is not { } framework)
        {
            return new(null, false, "The framework does not apply to this tenant.");
        }
        var zone = ComplianceCalendar.Zone(tenant.TimeZone);
        var window = new EvaluationWindow(tenant.Id, month, ComplianceCalendar.StartsAt(month, zone), ComplianceCalendar.EndsAt(month, zone));
        var now = clock.GetUtcNow();
        if (now < window.To)
        {
            // A month is frozen once: checking it before it ends would freeze a partial month.
            return new(null, false, $"{month:yyyy-MM} has not ended yet.");
        }
        var findings = await new ControlEvaluation(db, clock).EvaluateAsync(framework, window, cancellationToken);
        var previous = await db.ComplianceChecks.AsNoTracking().Include(c => c.Results)
            .Where(c => c.TenantId == command.TenantId && c.FrameworkId == command.FrameworkId && c.Month < month)
            .OrderByDescending(c => c.Month).FirstOrDefaultAsync(cancellationToken);
        var check = ComplianceCheck.Freeze(tenant.Id, framework.Id, framework.Version, month, now, previous, findings.Select(f => f.Finding));
        db.ComplianceChecks.Add(check);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another worker froze the same month first (the unique index): theirs stands.
            db.ChangeTracker.Clear();
            var theirs = await db.ComplianceChecks.AsNoTracking()
                .Where(c => c.TenantId == command.TenantId && c.FrameworkId == command.FrameworkId && c.Month == month).Select(c => (long?)c.Id).FirstOrDefaultAsync(cancellationToken);
            return new(theirs, false);
        }
        return new(check.Id, true);
    }
}

// A control's finding with the people around it, for the pages and the evidence pack.
public sealed record EvaluatedControl(ComplianceFinding Finding, string? Owner, DateOnly? ReviewDue, IReadOnlyList<long> EvidenceIds);

// Every control of a framework for one window: the mapping's evaluator where there is one, the tenant's manual
// evidence current at the end of the window, and the tenant's own "not applicable" decisions.
internal sealed class ControlEvaluation(PortalDbContext db, TimeProvider clock)
{
    public async Task<IReadOnlyList<EvaluatedControl>> EvaluateAsync(FrameworkDefinition framework, EvaluationWindow window, CancellationToken cancellationToken)
    {
        var evaluators = new ComplianceEvaluators(db, clock);
        var assessments = (await db.ControlAssessments.AsNoTracking().Where(a => a.TenantId == window.TenantId && a.FrameworkId == framework.Id).ToListAsync(cancellationToken))
            .ToDictionary(a => a.ControlId, StringComparer.OrdinalIgnoreCase);
        var evidence = (await db.ManualEvidence.AsNoTracking().Where(e => e.TenantId == window.TenantId && e.FrameworkId == framework.Id && e.AddedAt < window.To)
            .Select(e => new { e.Id, e.ControlId, e.Kind, e.Title, e.Owner, e.ReviewDue, e.AddedAt }).ToListAsync(cancellationToken))
            .ToLookup(e => e.ControlId, StringComparer.OrdinalIgnoreCase);
        var lastDay = window.Month.AddMonths(1).AddDays(-1);
        var results = new List<EvaluatedControl>();
        foreach (var control in framework.Controls.Where(c => !c.Withdrawn))
        {
            var assessment = assessments.GetValueOrDefault(control.Id);
            var all = evidence[control.Id].OrderByDescending(e => e.ReviewDue).ToList();
            var current = all.Where(e => e.ReviewDue >= lastDay).ToList();
            var mapped = ComplianceMapping.Find(framework.Id, control.Id);
            var automation = mapped?.Automation ?? ControlAutomation.Manual;
            var manualText = current.Count > 0
                ? $"{current.Count} current manual evidence ({string.Join("; ", current.Select(e => $"{e.Kind.ToString().ToLowerInvariant()} \"{e.Title}\" by {e.Owner}, review due {e.ReviewDue:yyyy-MM-dd}"))})"
                : all.Count > 0 ? $"manual evidence past its review date ({all[0].Title}, due {all[0].ReviewDue:yyyy-MM-dd})" : "no manual evidence";
            ComplianceFinding finding;
            if (assessment?.NotApplicableReason is { } why)
            {
                finding = new(control.Id, ComplianceStatus.NotApplicable, "not applicable: " + why, automation, manualText);
            }
            else if (mapped is not null)
            {
                var result = await evaluators.EvaluateAsync(mapped.Source, window, cancellationToken);
                var status = result.Status;
                var reason = result.Reason;
                if (automation == ControlAutomation.Partial)
                {
                    // The records cover part of the control; without current manual evidence for the rest it is only partly met.
                    if (status == ComplianceStatus.Met && current.Count == 0)
                    {
                        status = ComplianceStatus.PartlyMet;
                        reason += "; the manual part has no current attestation or upload";
                    }
                    else
                    {
                        reason += "; manual part: " + manualText;
                    }
                }
                finding = new(control.Id, status, reason, automation, $"portal records: {mapped.Source}; {manualText}");
            }
            else
            {
                finding = current.Count > 0
                    ? new(control.Id, ComplianceStatus.Met, manualText, automation, manualText)
                    : new(control.Id, ComplianceStatus.NotAssessed, all.Count > 0 ? manualText : "no automated evidence and no manual evidence", automation, manualText);
            }
            results.Add(new EvaluatedControl(finding, assessment?.Owner ?? current.FirstOrDefault()?.Owner, assessment?.ReviewDue ?? current.FirstOrDefault()?.ReviewDue,
                [.. all.Select(e => e.Id)]));
        }
        return results;
    }
}
