using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Features.Shared;
using MsspPortal.Web.Features.Value.Model;

namespace MsspPortal.Web.Features.Value.Reports;

// Builds (or rebuilds) the draft report of a tenant's month from the value model. Idempotent: the same records give
// the same snapshot, so a rerun only moves BuiltAt; a published report is left exactly as it is.
public sealed record BuildValueReport(Guid TenantId, DateOnly Month) : ICommand<BuildValueReportResult>;

public sealed record BuildValueReportResult(BuildOutcome Outcome, long? ReportId)
{
    public bool Built => Outcome is BuildOutcome.Created or BuildOutcome.Replaced or BuildOutcome.Unchanged;
}

public enum BuildOutcome
{
    Created,
    // A draft's figures changed with the records.
    Replaced,
    // A draft rebuilt from the same records: same snapshot and hash.
    Unchanged,
    // Published already: the snapshot stays as the customer saw it.
    AlreadyPublished,
    // The month has not ended in the tenant's time zone.
    NotEnded,
    TenantNotFound,
}

public sealed class BuildValueReportValidator : AbstractValidator<BuildValueReport>
{
    public BuildValueReportValidator()
    {
        RuleFor(c => c.TenantId).NotEmpty();
        RuleFor(c => c.Month).Must(m => m.Day == 1).WithMessage("A report's month is given by its first day.");
    }
}

internal sealed class BuildValueReportHandler(PortalDbContext db, ISender sender, TimeProvider clock)
    : ICommandHandler<BuildValueReport, BuildValueReportResult>
{
    public async ValueTask<BuildValueReportResult> Handle(BuildValueReport command, CancellationToken cancellationToken)
    {
        // The tenant filter applies: a tenant out of scope does not exist here.
        var tenant = await db.Tenants.AsNoTracking().Where(t => t.Id == command.TenantId).Select(t => new { t.TimeZone }).FirstOrDefaultAsync(cancellationToken);
        if (tenant is null)
        {
            return new(BuildOutcome.TenantNotFound, null);
        }
        var now = clock.GetUtcNow();
        if (now < ReportCalendar.EndsAt(command.Month, ReportCalendar.Zone(tenant.TimeZone)))
        {
            return new(BuildOutcome.NotEnded, null);
        }
        var report = await db.ValueReports.FirstOrDefaultAsync(r => r.TenantId == command.TenantId && r.Month == command.Month, cancellationToken);
        if (report is { IsPublished: true })
        {
            return new(BuildOutcome.AlreadyPublished, report.Id);
        }

        var figures = await sender.Send(new ComputeMonthlyValue(command.TenantId, command.Month.Year, command.Month.Month), cancellationToken);
        var assumptions = await db.ValueAssumptions.AsNoTracking()
            .Where(a => a.TenantId == command.TenantId
                && db.ValueAssumptionSets.Any(s => s.Id == a.ValueAssumptionSetId && s.Version == figures.AssumptionVersion))
            .ToListAsync(cancellationToken);
        // The model fills keys the set lacks (and everything at version 0) with the MSSP's defaults: so does the appendix.
        var given = assumptions.Select(a => a.Key).ToHashSet(StringComparer.Ordinal);
        assumptions.AddRange(ValueAssumptionDefaults.For(figures.Currency).Where(a => !given.Contains(a.Key)));
        var snapshot = ValueReportSnapshot.Of(figures, assumptions).ToJson();

        BuildOutcome outcome;
        if (report is null)
        {
            report = ValueReport.Draft(command.TenantId, command.Month, snapshot, figures.AssumptionVersion, now);
            db.ValueReports.Add(report);
            outcome = BuildOutcome.Created;
        }
        else
        {
            outcome = report.Rebuild(snapshot, figures.AssumptionVersion, now) ? BuildOutcome.Replaced : BuildOutcome.Unchanged;
        }
        await db.SaveChangesAsync(cancellationToken);
        return new(outcome, report.Id);
    }
}
