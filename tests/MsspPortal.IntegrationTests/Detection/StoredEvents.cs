using MsspPortal.Core.Events;
using MsspPortal.IntegrationTests.Infrastructure;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Pipeline;

namespace MsspPortal.IntegrationTests.Detection;

/// <summary>Stores events as ingestion would and returns them as the detection stage receives them.</summary>
internal static class StoredEvents
{
    public static NormalizedEvent FailedLogon(DateTimeOffset at, string sourceIp, string user, string? destinationIp = null) => new()
    {
        Timestamp = at,
        EventCategory = "authentication",
        EventAction = "logon-failed",
        Outcome = EventOutcome.Failure,
        SourceIp = sourceIp,
        UserName = user,
        DestinationIp = destinationIp,
        Message = "Failed password",
    };

    public static async Task<List<DetectionInput>> StoreAsync(PortalFactory factory, TestTenant tenant, IEnumerable<NormalizedEvent> events)
    {
        var logSourceId = (long)tenant.RowIds[typeof(LogSource)];
        await using var scope = factory.PlatformScope(out var db);
        var pairs = events.Select(e => (Event: e, Row: new SecurityEvent
        {
            TenantId = tenant.Id,
            LogSourceId = logSourceId,
            Timestamp = e.Timestamp,
            ReceivedAt = e.Timestamp,
            SourceIp = e.SourceIp,
            SourcePort = e.SourcePort,
            DestinationIp = e.DestinationIp,
            DestinationPort = e.DestinationPort,
            UserName = e.UserName,
            HostName = e.HostName,
            Action = e.EventAction,
            Outcome = e.Outcome,
            Category = e.EventCategory,
            Severity = e.Severity,
            RawLine = e.Message ?? "",
        })).ToList();
        db.SecurityEvents.AddRange(pairs.Select(p => p.Row));
        await db.SaveChangesAsync();
        return [.. pairs.Select(p => new DetectionInput(p.Row.Id, logSourceId, p.Event))];
    }
}
