using MsspPortal.Core.Events;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Pipeline;

/// <summary>Stored events back into the engine's form, for re-running a rule over history.</summary>
internal static class SecurityEventMapping
{
    public static NormalizedEvent ToNormalized(SecurityEvent row) => new()
    {
        Timestamp = row.Timestamp,
        SourceIp = row.SourceIp,
        SourcePort = row.SourcePort,
        DestinationIp = row.DestinationIp,
        DestinationPort = row.DestinationPort,
        UserName = row.UserName,
        HostName = row.HostName,
        EventAction = row.Action,
        Outcome = row.Outcome,
        EventCategory = row.Category,
        Severity = row.Severity,
        RuleName = row.VendorSignature,
        Message = row.RawLine,
    };
}
