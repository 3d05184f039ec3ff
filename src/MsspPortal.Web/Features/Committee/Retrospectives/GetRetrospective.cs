using System.Globalization;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Features.Committee.Retrospectives;

public enum RetrospectiveStatus
{
    Draft,
    PartlySigned,
    SignedOff,
}

// The list per tenant: every retrospective in reach with its status, and the tenants whose committee may assemble one.
public sealed record ListRetrospectives : IQuery<RetrospectiveListViewModel>;

public sealed record RetrospectiveListViewModel(IReadOnlyList<RetrospectiveListViewModel.TenantRows> Tenants)
{
    public sealed record TenantRows(Guid TenantId, string Tenant, IReadOnlyList<Row> Retrospectives);

    public sealed record Row(long Id, int Year, int Quarter, RetrospectiveStatus Status, DateTimeOffset AssembledAt, IReadOnlyList<string> SignedBy);
}

// One retrospective: its pack read back, its notes, and its signatures, each marked void when it binds older content.
public sealed record GetRetrospective(long Id) : IQuery<RetrospectiveViewModel?>;

public sealed record RetrospectiveViewModel(long Id, Guid TenantId, string Tenant, int Year, int Quarter, RetrospectivePack Pack, DateTimeOffset AssembledAt,
    string? Lessons, string? StrategyChanges, string ContentHash, RetrospectiveStatus Status, IReadOnlyList<RetrospectiveViewModel.Signature> Signatures,
    IReadOnlyList<RetrospectiveViewModel.Member> Members, IReadOnlyList<RetrospectiveViewModel.FollowUp> FollowUps)
{
    public bool CanAct { get; init; }

    public bool CanSign { get; init; }

    public string Label => $"Q{Quarter} {Year}";

    public string FileName => string.Create(CultureInfo.InvariantCulture, $"retrospective-{Year}-q{Quarter}-{Id}.pdf");

    public sealed record Signature(string Name, CommitteeSide Side, string Title, DateTimeOffset SignedAt, string ContentHash, bool Valid);

    public sealed record Member(long Id, string Name, CommitteeSide Side);

    public sealed record FollowUp(long Id, string Title, string Owner, DateOnly? DueOn, ActionItemStatus Status);

    internal static RetrospectiveStatus StatusOf(Retrospective retro) =>
        retro.IsSignedOff ? RetrospectiveStatus.SignedOff : retro.ValidSignatures.Any() ? RetrospectiveStatus.PartlySigned : RetrospectiveStatus.Draft;
}

internal sealed class ListRetrospectivesHandler(PortalDbContext db) : IQueryHandler<ListRetrospectives, RetrospectiveListViewModel>
{
    public async ValueTask<RetrospectiveListViewModel> Handle(ListRetrospectives query, CancellationToken cancellationToken)
    {
        var committees = await db.Committees.AsNoTracking()
            .Join(db.Tenants, c => c.TenantId, t => t.Id, (c, t) => new { t.Id, t.Name })
            .ToListAsync(cancellationToken);
        var retros = await db.Retrospectives.AsNoTracking().Include(r => r.Signatures).ToListAsync(cancellationToken);
        return new RetrospectiveListViewModel([.. committees.OrderBy(c => c.Name, StringComparer.Ordinal).Select(c => new RetrospectiveListViewModel.TenantRows(c.Id, c.Name,
            [.. retros.Where(r => r.TenantId == c.Id).OrderByDescending(r => r.Year).ThenByDescending(r => r.Quarter)
                .Select(r => new RetrospectiveListViewModel.Row(r.Id, r.Year, r.Quarter, RetrospectiveViewModel.StatusOf(r), r.AssembledAt,
                    [.. r.ValidSignatures.OrderBy(s => s.SignedAt).Select(s => s.Name)]))]))]);
    }
}

internal sealed class GetRetrospectiveHandler(PortalDbContext db) : IQueryHandler<GetRetrospective, RetrospectiveViewModel?>
{
    public async ValueTask<RetrospectiveViewModel?> Handle(GetRetrospective query, CancellationToken cancellationToken)
    {
        var retro = await db.Retrospectives.AsNoTracking().Include(r => r.Signatures).FirstOrDefaultAsync(r => r.Id == query.Id, cancellationToken);
        if (retro is null)
        {
            return null;
        }
        var tenant = await db.Tenants.Where(t => t.Id == retro.TenantId).Select(t => t.Name).FirstAsync(cancellationToken);
        var members = await db.CommitteeMembers.AsNoTracking().Where(m => m.CommitteeId == retro.CommitteeId).ToListAsync(cancellationToken);
        var titles = members.ToDictionary(m => m.Id, m => m.Title);
        var followUps = await db.ActionItems.AsNoTracking().Where(a => a.RetrospectiveId == retro.Id).OrderBy(a => a.Id)
            .Select(a => new RetrospectiveViewModel.FollowUp(a.Id, a.Title, a.OwnerName, a.DueOn, a.Status)).ToListAsync(cancellationToken);
        return new RetrospectiveViewModel(retro.Id, retro.TenantId, tenant, retro.Year, retro.Quarter, RetrospectivePack.Read(retro.Pack), retro.AssembledAt,
            retro.Lessons, retro.StrategyChanges, retro.ContentHash, RetrospectiveViewModel.StatusOf(retro),
            [.. retro.Signatures.OrderBy(s => s.SignedAt).ThenBy(s => s.Id)
                .Select(s => new RetrospectiveViewModel.Signature(s.Name, s.Side, titles.GetValueOrDefault(s.MemberId) ?? "", s.SignedAt, s.ContentHash, s.ContentHash == retro.ContentHash))],
            [.. members.Where(m => m.Active).OrderBy(m => m.Side).ThenBy(m => m.Name, StringComparer.Ordinal).Select(m => new RetrospectiveViewModel.Member(m.Id, m.Name, m.Side))],
            followUps);
    }
}
