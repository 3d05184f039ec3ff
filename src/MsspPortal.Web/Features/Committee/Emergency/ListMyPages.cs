using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Auth;

namespace MsspPortal.Web.Features.Committee.Emergency;

// The signed-in person's unanswered pages, one line per activation, for the banner in the layout.
public sealed record ListMyPages : IQuery<IReadOnlyList<MyPage>>;

public sealed record MyPage(long ActivationId, Guid TenantId, string Tenant, string Reason, DateTimeOffset FirstSentAt, int Rounds);

internal sealed class ListMyPagesHandler(PortalDbContext db, ICurrentUser user) : IQueryHandler<ListMyPages, IReadOnlyList<MyPage>>
{
    public async ValueTask<IReadOnlyList<MyPage>> Handle(ListMyPages query, CancellationToken cancellationToken)
    {
        if (user.Id is not { } userId)
        {
            return [];
        }
        var rows = await (
                from p in db.CommitteePages.AsNoTracking()
                join m in db.CommitteeMembers.AsNoTracking() on p.MemberId equals m.Id
                join a in db.EmergencyActivations.AsNoTracking() on p.ActivationId equals a.Id
                join t in db.Tenants.AsNoTracking() on a.TenantId equals t.Id
                where m.UserId == userId && p.AcknowledgedAt == null && a.State != ActivationState.Closed && a.State != ActivationState.Cancelled
                select new { a.Id, a.TenantId, Tenant = t.Name, a.Reason, p.SentAt })
            .ToListAsync(cancellationToken);
        return [.. rows.GroupBy(r => r.Id)
            .Select(g => new MyPage(g.Key, g.First().TenantId, g.First().Tenant, g.First().Reason, g.Min(r => r.SentAt), g.Count()))
            .OrderBy(p => p.FirstSentAt)];
    }
}

// The pages banner of the layout: shown on every page until the person acknowledges.
public sealed class EmergencyPagesViewComponent(ISender sender, ITenantAccess access) : Microsoft.AspNetCore.Mvc.ViewComponent
{
    public async Task<Microsoft.AspNetCore.Mvc.IViewComponentResult> InvokeAsync()
    {
        if (!access.Has(Capability.ReadCommittee))
        {
            return Content("");
        }
        var pages = await sender.Send(new ListMyPages(), HttpContext.RequestAborted);
        var answerable = pages.Where(p => access.Has(Capability.AcknowledgeCommittee, p.TenantId)).ToList();
        return answerable.Count == 0 ? Content("") : View("~/Features/Committee/Emergency/MyPages.cshtml", answerable);
    }
}
