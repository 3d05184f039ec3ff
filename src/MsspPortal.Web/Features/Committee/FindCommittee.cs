using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Features.Committee;

// Which tenant's committee a page works on: the slug asked for (tenant=northwind-shop), or the only tenant in reach
// when none is asked for (a customer user), else a choice. A slug outside the caller's reach is simply not found
// (the tenant filter hides it), like any other tenant's row. Forms also get the committee's active members.
public sealed record FindCommittee(string? Tenant, Guid? TenantId = null) : IQuery<CommitteeScope>;

public sealed record CommitteeScope(CommitteeScope.Outcome Result, CommitteeTenant? Tenant, IReadOnlyList<CommitteeTenant> Choices,
    long CommitteeId, IReadOnlyList<MemberOption> Members)
{
    public enum Outcome
    {
        Found,
        ChooseTenant,
        NotFound,
    }
}

public sealed record CommitteeTenant(Guid Id, string Slug, string Name, string TimeZone)
{
    public TimeZoneInfo Zone => TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;
}

public sealed record MemberOption(long Id, string Name, CommitteeSide Side, string Title);

internal sealed class FindCommitteeHandler(PortalDbContext db) : IQueryHandler<FindCommittee, CommitteeScope>
{
    public async ValueTask<CommitteeScope> Handle(FindCommittee query, CancellationToken cancellationToken)
    {
        var tenants = await db.Tenants.AsNoTracking().OrderBy(t => t.Name)
            .Select(t => new CommitteeTenant(t.Id, t.Slug, t.Name, t.TimeZone)).ToListAsync(cancellationToken);
        var asked = query.TenantId is not null || !string.IsNullOrWhiteSpace(query.Tenant);
        var tenant = query.TenantId is { } id
            ? tenants.FirstOrDefault(t => t.Id == id)
            : !asked
                ? tenants.Count == 1 ? tenants[0] : null
                : tenants.FirstOrDefault(t => string.Equals(t.Slug, query.Tenant!.Trim(), StringComparison.OrdinalIgnoreCase));
        if (tenant is null)
        {
            return new(!asked && tenants.Count > 0 ? CommitteeScope.Outcome.ChooseTenant : CommitteeScope.Outcome.NotFound,
                null, tenants, 0, []);
        }
        var committeeId = await db.Committees.Where(c => c.TenantId == tenant.Id).OrderBy(c => c.Id).Select(c => c.Id).FirstOrDefaultAsync(cancellationToken);
        var members = await db.CommitteeMembers.AsNoTracking().Where(m => m.CommitteeId == committeeId && m.Active)
            .OrderBy(m => m.Side).ThenBy(m => m.Name).Select(m => new MemberOption(m.Id, m.Name, m.Side, m.Title)).ToListAsync(cancellationToken);
        return new(CommitteeScope.Outcome.Found, tenant, tenants, committeeId, members);
    }
}
