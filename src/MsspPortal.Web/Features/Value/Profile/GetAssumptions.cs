using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Features.Value.Model;

namespace MsspPortal.Web.Features.Value.Profile;

// The value model's inputs of a tenant: the version in force (or the one asked for), every input with its range,
// source and approver, and the list of versions. A tenant without a set sees the MSSP defaults its first version
// would start from.
public sealed record GetAssumptions(Guid TenantId, int? Version = null) : IQuery<AssumptionsViewModel?>;

public sealed record AssumptionsViewModel(
    Guid TenantId,
    string TenantName,
    string Currency,
    // The version shown; null when the tenant has no set yet and the defaults are shown.
    int? Version,
    int? CurrentVersion,
    DateTimeOffset? CreatedAt,
    string? CreatedBy,
    string? Note,
    IReadOnlyList<AssumptionsViewModel.Input> Inputs,
    IReadOnlyList<AssumptionsViewModel.VersionRow> Versions)
{
    public bool IsCurrent => Version is not null && Version == CurrentVersion;

    public bool HasUnapproved => Inputs.Any(i => i.ApprovedBy is null);

    public sealed record Input(string Key, string Label, AssumptionDistribution Distribution, decimal Min, decimal MostLikely, decimal Max, string Unit,
        string Source, int SourceYear, string? ApprovedBy, DateTimeOffset? ApprovedAt);

    public sealed record VersionRow(int Version, DateTimeOffset CreatedAt, string? CreatedBy, string? Note, int Inputs, int Approved);
}

internal sealed class GetAssumptionsHandler(PortalDbContext db) : IQueryHandler<GetAssumptions, AssumptionsViewModel?>
{
    public async ValueTask<AssumptionsViewModel?> Handle(GetAssumptions query, CancellationToken cancellationToken)
    {
        var tenant = await db.Tenants.AsNoTracking().Where(t => t.Id == query.TenantId)
            .Select(t => new { t.Id, t.Name, t.Currency }).FirstOrDefaultAsync(cancellationToken);
        if (tenant is null)
        {
            return null;
        }
        var versions = await db.ValueAssumptionSets.AsNoTracking().Where(s => s.TenantId == tenant.Id)
            .Select(s => new { s.Version, s.CreatedAt, s.CreatedBy, s.Note, Inputs = s.Assumptions.Count, Approved = s.Assumptions.Count(a => a.ApprovedBy != null) })
            .ToListAsync(cancellationToken);
        versions = [.. versions.OrderByDescending(v => v.Version)];
        int? current = versions.Count > 0 ? versions[0].Version : null;
        var wanted = query.Version ?? current;
        if (query.Version is not null && versions.All(v => v.Version != query.Version))
        {
            return null;
        }
        var set = wanted is null ? null : await db.ValueAssumptionSets.AsNoTracking().Include(s => s.Assumptions)
            .FirstAsync(s => s.TenantId == tenant.Id && s.Version == wanted, cancellationToken);
        var assumptions = set?.Assumptions ?? ValueAssumptionDefaults.For(tenant.Currency);
        var names = await PeopleNames.LoadAsync(db, assumptions.Select(a => a.ApprovedBy).Concat(versions.Select(v => v.CreatedBy)), cancellationToken);
        var inputs = assumptions.OrderBy(a => a.Key, StringComparer.Ordinal)
            .Select(a => new AssumptionsViewModel.Input(a.Key, a.Label, a.Distribution, a.Min, a.MostLikely, a.Max, a.Unit, a.Source, a.SourceYear,
                PeopleNames.Of(names, a.ApprovedBy), a.ApprovedAt))
            .ToList();
        return new AssumptionsViewModel(tenant.Id, tenant.Name, tenant.Currency, set?.Version, current, set?.CreatedAt, PeopleNames.Of(names, set?.CreatedBy),
            set?.Note, inputs, [.. versions.Select(v => new AssumptionsViewModel.VersionRow(v.Version, v.CreatedAt, PeopleNames.Of(names, v.CreatedBy), v.Note, v.Inputs, v.Approved))]);
    }
}

// The set in force for a change: the tenant's highest version, or a first version made of the MSSP defaults.
internal static class AssumptionSets
{
    public static async Task<ValueAssumptionSet?> CurrentAsync(PortalDbContext db, Guid tenantId, CancellationToken cancellationToken)
    {
        var version = await db.ValueAssumptionSets.Where(s => s.TenantId == tenantId).MaxAsync(s => (int?)s.Version, cancellationToken);
        return version is null ? null
            : await db.ValueAssumptionSets.Include(s => s.Assumptions).FirstAsync(s => s.TenantId == tenantId && s.Version == version, cancellationToken);
    }

    public static async Task<ValueAssumptionSet> CurrentOrDefaultsAsync(PortalDbContext db, Guid tenantId, string? userId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (await CurrentAsync(db, tenantId, cancellationToken) is { } set)
        {
            return set;
        }
        // Version 1 is always the defaults as they were (in the tenant's currency), so the history shows what the tenant
        // started from.
        var currency = await db.Tenants.Where(t => t.Id == tenantId).Select(t => t.Currency).FirstAsync(cancellationToken);
        var first = ValueAssumptionSet.First(tenantId, ValueAssumptionDefaults.For(currency), userId, at, "MSSP defaults");
        db.ValueAssumptionSets.Add(first);
        await db.SaveChangesAsync(cancellationToken);
        return first;
    }

    public static async Task<int> CurrentVersionAsync(PortalDbContext db, Guid tenantId, CancellationToken cancellationToken) =>
        await db.ValueAssumptionSets.Where(s => s.TenantId == tenantId).MaxAsync(s => (int?)s.Version, cancellationToken) ?? 0;
}
