using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Audit;
using MsspPortal.Web.Infrastructure.Auth;

namespace MsspPortal.Web.Features.Compliance.Breaches;

// Flags an incident as a personal-data breach: the register's row, with what Art. 33(3) asks a notification to say
// and the regimes whose clocks apply. An incident is flagged once; its breach is then edited on its own page.
public sealed record FlagBreach : ICommand<BreachChange>
{
    public long IncidentId { get; init; }

    // UTC; defaults to the incident's opening.
    public DateTime? DetectedAt { get; init; }

    public string Nature { get; init; } = "";

    public string DataCategories { get; init; } = "";

    public int? ApproximateDataSubjects { get; init; }

    public int? ApproximateRecords { get; init; }

    public string LikelyConsequences { get; init; } = "";

    public string MeasuresTaken { get; init; } = "";

    public bool Gdpr { get; init; }

    public bool California { get; init; }

    public bool ChinaCac { get; init; }

    public bool CriticalInformationInfrastructure { get; init; }

    public int? CaliforniaResidents { get; init; }

    public BreachRegimes Regimes =>
        (Gdpr ? BreachRegimes.Gdpr : 0) | (California ? BreachRegimes.California : 0) | (ChinaCac ? BreachRegimes.ChinaCac : 0);
}

public sealed class FlagBreachValidator : AbstractValidator<FlagBreach>
{
    public FlagBreachValidator()
    {
        RuleFor(c => c.IncidentId).GreaterThan(0).WithMessage("Flag a breach from its incident.");
        RuleFor(c => c.DetectedAt).NotNull().WithMessage("Give the instant the breach was detected (UTC).");
        RuleFor(c => c.Nature).NotEmpty().WithMessage("Describe the nature of the breach.").MaximumLength(PersonalDataBreach.MaxTextLength);
        RuleFor(c => c.DataCategories).NotEmpty().WithMessage("Name the categories of data concerned.").MaximumLength(PersonalDataBreach.MaxTextLength);
        RuleFor(c => c.LikelyConsequences).NotEmpty().WithMessage("State the likely consequences.").MaximumLength(PersonalDataBreach.MaxTextLength);
        RuleFor(c => c.MeasuresTaken).NotEmpty().WithMessage("State the measures taken or proposed.").MaximumLength(PersonalDataBreach.MaxTextLength);
        RuleFor(c => c.ApproximateDataSubjects).GreaterThanOrEqualTo(0).WithMessage("The number of data subjects is not negative.");
        RuleFor(c => c.ApproximateRecords).GreaterThanOrEqualTo(0).WithMessage("The number of records is not negative.");
        RuleFor(c => c.Regimes).NotEqual(BreachRegimes.None).WithName("Regimes")
            .WithMessage("Choose at least one regime (GDPR, California, China CAC); the register keeps the breach either way, the clocks need a regime.");
        RuleFor(c => c.CaliforniaResidents).NotNull().When(c => c.California)
            .WithMessage("Give the number of California residents affected (it decides the Attorney General's notice).");
        RuleFor(c => c.CaliforniaResidents).GreaterThanOrEqualTo(0).WithMessage("The number of residents is not negative.");
    }
}

internal sealed class FlagBreachHandler(PortalDbContext db, TimeProvider clock, ICurrentUser user, AuditLog audit) : ICommandHandler<FlagBreach, BreachChange>
{
    public async ValueTask<BreachChange> Handle(FlagBreach command, CancellationToken cancellationToken)
    {
        // The tenant filter applies: another tenant's incident is simply not found.
        var incident = await db.Incidents.FirstOrDefaultAsync(i => i.Id == command.IncidentId, cancellationToken);
        if (incident is null)
        {
            return BreachChange.NotFound;
        }
        if (await db.PersonalDataBreaches.Where(b => b.IncidentId == incident.Id).Select(b => (long?)b.Id).FirstOrDefaultAsync(cancellationToken) is { } existing)
        {
            return BreachChange.Refused(existing, "", "This incident is already flagged as a personal-data breach: record on its breach page.");
        }
        var now = clock.GetUtcNow();
        var detected = BreachChange.Utc(command.DetectedAt!.Value);
        if (detected > now)
        {
            return BreachChange.Refused(null, nameof(command.DetectedAt), "Detection cannot be in the future.");
        }
        var breach = PersonalDataBreach.Flag(incident, new BreachFacts(command.Nature, command.DataCategories, command.ApproximateDataSubjects, command.ApproximateRecords,
            command.LikelyConsequences, command.MeasuresTaken, command.Regimes, command.CriticalInformationInfrastructure, command.CaliforniaResidents), detected, user.Id, now);
        db.PersonalDataBreaches.Add(breach);
        await db.SaveChangesAsync(cancellationToken);
        audit.Record(breach.TenantId, "breach.flagged", nameof(PersonalDataBreach), breach.Id);
        await db.SaveChangesAsync(cancellationToken);
        return BreachChange.Done(breach.Id);
    }
}

// The flag form's page: the incident it starts from, and the breach when the incident is already flagged.
public sealed record GetFlagForm(long IncidentId) : IQuery<FlagFormViewModel?>;

public sealed record FlagFormViewModel(long IncidentId, string Incident, string Tenant, DateTimeOffset OpenedAt, long? ExistingBreachId, FlagBreach Form);

internal sealed class GetFlagFormHandler(PortalDbContext db) : IQueryHandler<GetFlagForm, FlagFormViewModel?>
{
    public async ValueTask<FlagFormViewModel?> Handle(GetFlagForm query, CancellationToken cancellationToken)
    {
        var incident = await db.Incidents.AsNoTracking().Where(i => i.Id == query.IncidentId)
            .Select(i => new { i.Id, i.Title, i.TenantId, i.OpenedAt }).FirstOrDefaultAsync(cancellationToken);
        if (incident is null)
        {
            return null;
        }
        var tenant = await db.Tenants.AsNoTracking().Where(t => t.Id == incident.TenantId).Select(t => t.Name).FirstAsync(cancellationToken);
        var existing = await db.PersonalDataBreaches.AsNoTracking().Where(b => b.IncidentId == incident.Id).Select(b => (long?)b.Id).FirstOrDefaultAsync(cancellationToken);
        return new FlagFormViewModel(incident.Id, incident.Title, tenant, incident.OpenedAt, existing,
            new FlagBreach { IncidentId = incident.Id, DetectedAt = incident.OpenedAt.UtcDateTime });
    }
}
