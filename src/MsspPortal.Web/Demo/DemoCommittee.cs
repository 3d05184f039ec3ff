using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Demo;

// Who sits on each demo tenant's joint committee: MSSP experts (SOC lead, threat-intelligence analyst,
// business-security consultant) and the customer's business owners and internal security people, each a demo
// account of the tenant. No MSSP person sits on all three committees as its chair; each side has a decision-maker
// and someone who keeps the record, so an emergency session can reach quorum.
public sealed class DemoCommittee(PortalDbContext db, UserManager<PortalUser> users)
{
    public sealed record Seat(string Email, string Name, CommitteeSide Side, string Title, CommitteeRole Role, bool Authority, bool LeadsIncidents,
        string? AlternateFor = null);

    public static readonly IReadOnlyDictionary<string, IReadOnlyList<Seat>> Seats = new Dictionary<string, IReadOnlyList<Seat>>
    {
        ["northwind-shop"] =
        [
            new("ecommerce@northwind-shop.example", "Carlos Mendes", CommitteeSide.Customer, "Head of e-commerce operations", CommitteeRole.Chair, true, false),
            new("cto@northwind-shop.example", "Ingrid Larsen", CommitteeSide.Customer, "CTO", CommitteeRole.Member, true, false, AlternateFor: "ecommerce@northwind-shop.example"),
            new("security@northwind-shop.example", "Sven Ito", CommitteeSide.Customer, "Internal security lead", CommitteeRole.Secretary, false, false),
            new("owner@northwind-shop.example", "Nora Owner", CommitteeSide.Customer, "Business owner, online shop", CommitteeRole.Member, false, false),
            new("consultant@mssp.example", "Beatriz Lopes", CommitteeSide.Mssp, "Business-security consultant", CommitteeRole.Chair, true, false),
            new("analyst@mssp.example", "Alex Analyst", CommitteeSide.Mssp, "SOC analyst, incident lead", CommitteeRole.Member, false, true),
            new("intel@mssp.example", "Tariq Haddad", CommitteeSide.Mssp, "Threat-intelligence analyst", CommitteeRole.Member, false, false),
            new("lead@mssp.example", "Dana Whitfield", CommitteeSide.Mssp, "SOC lead", CommitteeRole.Member, true, true, AlternateFor: "consultant@mssp.example"),
        ],
        ["harbor-bank"] =
        [
            new("ciso@harbor-bank.example", "Helena Brandt", CommitteeSide.Customer, "CISO", CommitteeRole.Chair, true, false),
            new("payments@harbor-bank.example", "Paul Okafor", CommitteeSide.Customer, "Head of card payments", CommitteeRole.Member, true, false, AlternateFor: "ciso@harbor-bank.example"),
            new("committee@harbor-bank.example", "Hugo Committee", CommitteeSide.Customer, "Risk committee delegate", CommitteeRole.Secretary, false, false),
            new("lead@mssp.example", "Dana Whitfield", CommitteeSide.Mssp, "SOC lead", CommitteeRole.Chair, true, true),
            new("intel@mssp.example", "Tariq Haddad", CommitteeSide.Mssp, "Threat-intelligence analyst", CommitteeRole.Member, false, false),
            new("analyst@mssp.example", "Alex Analyst", CommitteeSide.Mssp, "SOC analyst, incident lead", CommitteeRole.Member, false, true),
        ],
        ["orbit-saas"] =
        [
            new("cto@orbit-saas.example", "Omar Reyes", CommitteeSide.Customer, "CTO", CommitteeRole.Chair, true, false),
            new("privacy@orbit-saas.example", "Priya Nair", CommitteeSide.Customer, "Data-protection officer", CommitteeRole.Secretary, true, false),
            new("consultant@mssp.example", "Beatriz Lopes", CommitteeSide.Mssp, "Business-security and compliance consultant", CommitteeRole.Chair, true, false),
            new("intel@mssp.example", "Tariq Haddad", CommitteeSide.Mssp, "Threat-intelligence analyst (EU and APAC)", CommitteeRole.Member, false, false),
            new("analyst@mssp.example", "Alex Analyst", CommitteeSide.Mssp, "SOC analyst, incident lead", CommitteeRole.Member, false, true),
        ],
    };

    // Weekly syncs on different days so one MSSP person can attend all of them.
    public static DayOfWeek SyncDay(string slug) => slug switch
    {
        "northwind-shop" => DayOfWeek.Tuesday,
        "harbor-bank" => DayOfWeek.Wednesday,
        _ => DayOfWeek.Thursday,
    };

    // Seats every member; with accounts when the demo users exist (linked by e-mail), without otherwise.
    public async Task SeatAsync(IReadOnlyList<Tenant> tenants, CancellationToken cancellationToken)
    {
        foreach (var t in tenants)
        {
            if (!Seats.TryGetValue(t.Slug, out var seats))
            {
                continue;
            }
            var committee = await db.Committees.SingleAsync(c => c.TenantId == t.Id, cancellationToken);
            var members = new Dictionary<string, CommitteeMember>(StringComparer.OrdinalIgnoreCase);
            foreach (var seat in seats)
            {
                var user = await users.FindByEmailAsync(seat.Email);
                var member = CommitteeMember.Appoint(committee, seat.Name, seat.Side, seat.Title, user?.Id);
                member.Change(seat.Name, seat.Side, seat.Title, seat.Role, seat.Authority, seat.LeadsIncidents, null, seat.Email);
                db.CommitteeMembers.Add(member);
                members[seat.Email] = member;
            }
            await db.SaveChangesAsync(cancellationToken);
            foreach (var seat in seats.Where(s => s.AlternateFor is not null))
            {
                var member = members[seat.Email];
                member.Change(seat.Name, seat.Side, seat.Title, seat.Role, seat.Authority, seat.LeadsIncidents, members[seat.AlternateFor!].Id, seat.Email);
            }
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
