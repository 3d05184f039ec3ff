using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Features.Compliance.Breaches;

public sealed record GetBreach(long Id) : IQuery<BreachDetailsViewModel?>;

public sealed record BreachDetailsViewModel(BreachRegisterViewModel.Row Breach, Guid TenantId, DateTimeOffset FlaggedAt, DateTimeOffset Now)
{
    public IReadOnlyList<Notification> Notifications { get; init; } = [];

    // The breach's instants and notifications in time order.
    public IReadOnlyList<Entry> Timeline { get; init; } = [];

    // The forms as typed, when one was refused: shown again with its reasons.
    public RecordTenantNotice? NoticeForm { get; init; }

    public RecordBreachNotification? NotificationForm { get; init; }

    public sealed record Notification(BreachRecipient Recipient, string NotifiedWhom, DateTimeOffset At, string? Reference);

    public sealed record Entry(DateTimeOffset At, string What, string? Detail);
}

internal sealed class GetBreachHandler(PortalDbContext db, TimeProvider clock) : IQueryHandler<GetBreach, BreachDetailsViewModel?>
{
    public async ValueTask<BreachDetailsViewModel?> Handle(GetBreach query, CancellationToken cancellationToken)
    {
        var b = await db.PersonalDataBreaches.AsNoTracking().Include(x => x.Notifications).FirstOrDefaultAsync(x => x.Id == query.Id, cancellationToken);
        if (b is null)
        {
            return null;
        }
        var now = clock.GetUtcNow();
        var incident = await db.Incidents.AsNoTracking().Where(i => i.Id == b.IncidentId).Select(i => i.Title).FirstAsync(cancellationToken);
        var tenant = await db.Tenants.AsNoTracking().Where(t => t.Id == b.TenantId).Select(t => t.Name).FirstAsync(cancellationToken);
        var clocks = BreachClocks.For(b, now);
        var row = new BreachRegisterViewModel.Row(b.Id, tenant, b.IncidentId, incident, b.DetectedAt, b.TenantNotifiedAt, b.TenantAwareAt,
            b.Nature, b.DataCategories, b.ApproximateDataSubjects, b.ApproximateRecords, b.LikelyConsequences, b.MeasuresTaken,
            b.Regimes, b.CriticalInformationInfrastructure, b.CaliforniaResidents, clocks);

        var timeline = new List<BreachDetailsViewModel.Entry> { new(b.DetectedAt, "Detected by the MSSP", null), new(b.FlaggedAt, "Flagged as a personal-data breach", null) };
        if (b.TenantNotifiedAt is { } told)
        {
            timeline.Add(new(told, "Tenant notified by the MSSP (processor)", null));
        }
        if (b.TenantAwareAt is { } aware)
        {
            timeline.Add(new(aware, "Tenant aware (controller)", null));
        }
        timeline.AddRange(b.Notifications.Select(n => new BreachDetailsViewModel.Entry(n.At, $"Notified: {BreachText.Recipient(n.Recipient)}", n.NotifiedWhom + (n.Reference is null ? "" : $" (ref. {n.Reference})"))));
        timeline.AddRange(clocks.Where(c => c.DueAt is not null).Select(c => new BreachDetailsViewModel.Entry(c.DueAt!.Value, $"Due: {BreachText.Recipient(c.Recipient)}", c.Rule)));

        return new BreachDetailsViewModel(row, b.TenantId, b.FlaggedAt, now)
        {
            Notifications = b.Notifications.OrderBy(n => n.At).Select(n => new BreachDetailsViewModel.Notification(n.Recipient, n.NotifiedWhom, n.At, n.Reference)).ToList(),
            Timeline = timeline.OrderBy(e => e.At).ToList(),
        };
    }
}

internal static class BreachText
{
    public static string Recipient(BreachRecipient recipient) => recipient switch
    {
        BreachRecipient.SupervisoryAuthority => "supervisory authority (GDPR)",
        BreachRecipient.CaliforniaResidents => "California residents",
        BreachRecipient.CaliforniaAttorneyGeneral => "California Attorney General",
        BreachRecipient.ChinaCac => "China CAC",
        _ => recipient.ToString(),
    };

    public static string State(BreachClockState state) => state switch
    {
        BreachClockState.NotStarted => "not started",
        _ => state.ToString().ToLowerInvariant(),
    };

    public static string Utc(DateTimeOffset? at) =>
        at?.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture) ?? "—";
}
