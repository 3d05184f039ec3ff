using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Features.Retention;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Demo;

// The demo tenants' retention, set by the MSSP analyst through the retention page's own handler on the first day of the
// demo: the bank is in PCI DSS scope and keeps 13 months of raw logs and events (a month above the 12-month floor);
// the cross-border SaaS company serves users in China and takes the Cybersecurity Law's 6-month floor on its network
// logs, keeping the defaults above it. Nothing is deleted here: the nightly job applies these settings later, and
// every demo record is younger than them.
internal sealed class DemoRetention(IServiceProvider services, DemoCalendar calendar)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var analyst = await DemoActor.ForAsync(services, "analyst@mssp.example", cancellationToken);
        if (analyst is null)
        {
            return 0;
        }
        var set = 0;
        foreach (var (tenantId, slug) in await TenantsAsync(cancellationToken))
        {
            SaveRetention? command = slug switch
            {
                "harbor-bank" => Form(tenantId, pciDss: true, chinaCsl: false, rawMonths: 13, eventMonths: 13),
                "orbit-saas" => Form(tenantId, pciDss: false, chinaCsl: true, rawMonths: RetentionKinds.DefaultMonths(RetentionKind.RawLogs),
                    eventMonths: RetentionKinds.DefaultMonths(RetentionKind.SecurityEvents)),
                _ => null,
            };
            if (command is not null && await analyst.SendAsync<SaveRetention, bool, SaveRetentionHandler>(command, calendar.Start.AddHours(10), cancellationToken))
            {
                set++;
            }
        }
        return set;
    }

    private static SaveRetention Form(Guid tenantId, bool pciDss, bool chinaCsl, int rawMonths, int eventMonths) => new()
    {
        TenantId = tenantId, PciDss = pciDss, ChinaCsl = chinaCsl,
        Settings =
        [
            new RetentionSetting { Kind = RetentionKind.RawLogs, Months = rawMonths },
            new RetentionSetting { Kind = RetentionKind.SecurityEvents, Months = eventMonths },
            new RetentionSetting { Kind = RetentionKind.Alerts, Months = RetentionKinds.DefaultMonths(RetentionKind.Alerts) },
            new RetentionSetting { Kind = RetentionKind.AuditLog, Months = RetentionKinds.DefaultMonths(RetentionKind.AuditLog) },
        ],
    };

    private async Task<List<(Guid Id, string Slug)>> TenantsAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().SetScope([], seesAll: true);
        var rows = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Tenants.AsNoTracking().OrderBy(t => t.Name)
            .Select(t => new { t.Id, t.Slug }).ToListAsync(cancellationToken);
        return [.. rows.Select(r => (r.Id, r.Slug))];
    }
}
