using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Features.Value.Model;
using MsspPortal.Web.Infrastructure.Audit;
using MsspPortal.Web.Infrastructure.Auth;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Features.Value.Profile;

// Starts a tenant's assumptions from the MSSP defaults (version 1); nothing happens when the tenant has a set.
public sealed record AdoptDefaultAssumptions(Guid TenantId) : ICommand<int?>;

public sealed record GetAssumptionForRevision(Guid TenantId, string Key) : IQuery<ReviseAssumption?>;

// One input changed: the set's next version carries the new range, which is no longer approved (the committee
// approves it again). BasedOnVersion is the version the person saw (0: the defaults): a change on a stale page is
// refused rather than silently undoing someone else's.
public sealed record ReviseAssumption : ICommand<int?>
{
    public Guid TenantId { get; init; }

    public int BasedOnVersion { get; init; }

    public string Key { get; init; } = "";

    // Shown on the form; the label and unit themselves are the model's and do not change.
    public string? Label { get; init; }

    public string? Unit { get; init; }

    public AssumptionDistribution Distribution { get; init; }

    public decimal? Min { get; init; }

    public decimal? MostLikely { get; init; }

    public decimal? Max { get; init; }

    public string? Source { get; init; }

    public int? SourceYear { get; init; }

    // Why the input changed: the version's note.
    public string? Note { get; init; }
}

public sealed class AdoptDefaultAssumptionsValidator : AbstractValidator<AdoptDefaultAssumptions>
{
    public AdoptDefaultAssumptionsValidator(ITenantContext tenant) =>
        RuleFor(c => c.TenantId).Must(tenant.CanAccess).WithMessage("Choose one of your tenants.");
}

public sealed class ReviseAssumptionValidator : AbstractValidator<ReviseAssumption>
{
    public ReviseAssumptionValidator(ITenantContext tenant, PortalDbContext db, TimeProvider clock)
    {
        RuleFor(c => c.TenantId).Must(tenant.CanAccess).WithMessage("Choose one of your tenants.");
        RuleFor(c => c.Key).Must(key => ValueAssumptionDefaults.For("EUR").Any(a => a.Key == key)).WithMessage("This is not an input of the value model.");
        RuleFor(c => c.Distribution).IsInEnum();
        RuleFor(c => c.Min).NotNull().WithMessage("Enter the lowest plausible value.").GreaterThanOrEqualTo(0).WithMessage("The minimum is not negative.");
        RuleFor(c => c.Max).NotNull().WithMessage("Enter the highest plausible value.");
        RuleFor(c => c.Max).GreaterThanOrEqualTo(c => c.Min).When(c => c.Min is not null && c.Max is not null)
            .WithMessage("The maximum is at least the minimum.");
        When(c => c.Distribution == AssumptionDistribution.Pert, () =>
            RuleFor(c => c.MostLikely).NotNull().WithMessage("Enter the most likely value.")
                .Must((c, v) => v >= c.Min && v <= c.Max).When(c => c.Min is not null && c.Max is not null)
                .WithMessage("The most likely value lies between the minimum and the maximum."));
        When(c => c.Distribution == AssumptionDistribution.Lognormal90, () =>
            RuleFor(c => c.Min).GreaterThan(0).WithMessage("A lognormal 90% interval needs a P5 above 0."));
        RuleFor(c => c.Max).LessThan(1_000_000_000_000m);
        RuleFor(c => c.Source).NotEmpty().WithMessage("Name the source of the range (a study, a record, who stated it).")
            .MaximumLength(ValueAssumption.MaxSourceLength);
        RuleFor(c => c.SourceYear).NotNull().WithMessage("Enter the year of the source.")
            .InclusiveBetween(1990, clock.GetUtcNow().Year + 1).WithMessage("The source's year is a year, not in the future.");
        RuleFor(c => c.Note).MaximumLength(1000);
        RuleFor(c => c.BasedOnVersion).MustAsync(async (c, version, ct) => version == await AssumptionSets.CurrentVersionAsync(db, c.TenantId, ct))
            .When(c => tenant.CanAccess(c.TenantId))
            .WithMessage("Someone saved a newer version meanwhile: review it and revise again.");
    }
}

internal sealed class AdoptDefaultAssumptionsHandler(PortalDbContext db, TimeProvider clock, ICurrentUser user, AuditLog audit)
    : ICommandHandler<AdoptDefaultAssumptions, int?>
{
    public async ValueTask<int?> Handle(AdoptDefaultAssumptions command, CancellationToken cancellationToken)
    {
        if (!await db.Tenants.AnyAsync(t => t.Id == command.TenantId, cancellationToken))
        {
            return null;
        }
        var hadOne = await AssumptionSets.CurrentVersionAsync(db, command.TenantId, cancellationToken) > 0;
        var set = await AssumptionSets.CurrentOrDefaultsAsync(db, command.TenantId, user.Id, clock.GetUtcNow(), cancellationToken);
        if (!hadOne)
        {
            audit.Record(set.TenantId, "value-assumptions.adopted", nameof(ValueAssumptionSet), set.Id);
            await db.SaveChangesAsync(cancellationToken);
        }
        return set.Version;
    }
}

internal sealed class GetAssumptionForRevisionHandler(PortalDbContext db) : IQueryHandler<GetAssumptionForRevision, ReviseAssumption?>
{
    public async ValueTask<ReviseAssumption?> Handle(GetAssumptionForRevision query, CancellationToken cancellationToken)
    {
        if (await db.Tenants.Where(t => t.Id == query.TenantId).Select(t => t.Currency).FirstOrDefaultAsync(cancellationToken) is not { } currency)
        {
            return null;
        }
        var set = await AssumptionSets.CurrentAsync(db, query.TenantId, cancellationToken);
        // An input the tenant's set lacks (added to the model later) starts from its default.
        var input = set?.Find(query.Key) ?? ValueAssumptionDefaults.For(currency).FirstOrDefault(a => a.Key == query.Key);
        return input is null ? null : new ReviseAssumption
        {
            TenantId = query.TenantId, BasedOnVersion = set?.Version ?? 0, Key = input.Key, Label = input.Label, Unit = input.Unit,
            Distribution = input.Distribution, Min = input.Min, MostLikely = input.MostLikely, Max = input.Max, Source = input.Source, SourceYear = input.SourceYear,
        };
    }
}

internal sealed class ReviseAssumptionHandler(PortalDbContext db, TimeProvider clock, ICurrentUser user, AuditLog audit)
    : ICommandHandler<ReviseAssumption, int?>
{
    public async ValueTask<int?> Handle(ReviseAssumption command, CancellationToken cancellationToken)
    {
        if (!await db.Tenants.AnyAsync(t => t.Id == command.TenantId, cancellationToken))
        {
            return null;
        }
        var now = clock.GetUtcNow();
        var current = await AssumptionSets.CurrentOrDefaultsAsync(db, command.TenantId, user.Id, now, cancellationToken);
        var currency = await db.Tenants.Where(t => t.Id == command.TenantId).Select(t => t.Currency).FirstAsync(cancellationToken);
        var was = current.Find(command.Key) ?? ValueAssumptionDefaults.For(currency).First(a => a.Key == command.Key);
        var min = command.Min ?? 0;
        var max = command.Max ?? 0;
        // A lognormal input keeps its median (the geometric mean of P5 and P95) in MostLikely, for display only.
        var mostLikely = command.Distribution == AssumptionDistribution.Pert
            ? command.MostLikely ?? min
            : Math.Round((decimal)Math.Sqrt((double)(min * max)), 6);
        var changed = ValueAssumption.Range(was.Key, was.Label, command.Distribution, min, mostLikely, max, was.Unit, command.Source!.Trim(), command.SourceYear ?? now.Year);
        var note = string.IsNullOrWhiteSpace(command.Note) ? $"Revised: {was.Label}" : $"Revised {was.Key}: {command.Note.Trim()}";
        var next = current.Revise([changed], user.Id, now, note[..Math.Min(note.Length, 1000)]);
        db.ValueAssumptionSets.Add(next);
        await db.SaveChangesAsync(cancellationToken);
        audit.Record(next.TenantId, "value-assumptions.revised", nameof(ValueAssumptionSet), next.Id);
        await db.SaveChangesAsync(cancellationToken);
        return next.Version;
    }
}
