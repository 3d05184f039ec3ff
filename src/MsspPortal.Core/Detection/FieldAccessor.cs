using System.Globalization;
using MsspPortal.Core.Events;

namespace MsspPortal.Core.Detection;

// Resolves a field name to a getter once, at rule compile time, so the hot path is a delegate call and not the
// string switch in Get.
internal static class FieldAccessor
{
    public static Func<NormalizedEvent, string?> Compile(string field) => field switch
    {
        "host.name" => e => e.HostName,
        "source.ip" => e => e.SourceIp,
        "destination.ip" => e => e.DestinationIp,
        "source.port" => e => e.SourcePort is { } p ? PortText(p) : null,
        "destination.port" => e => e.DestinationPort is { } p ? PortText(p) : null,
        "user.name" => e => e.UserName,
        "event.action" => e => e.EventAction,
        "event.category" => e => e.EventCategory,
        "event.outcome" => e => e.Outcome switch
        {
            EventOutcome.Success => "success",
            EventOutcome.Failure => "failure",
            _ => null,
        },
        "rule.name" => e => e.RuleName,
        "rule.id" => e => e.RuleId,
        "message" => e => e.Message,
        "process.name" => e => e.ProcessName,
        "url.original" => e => e.Url,
        "url.domain" or "dns.question.name" => e => e.Domain,
        "file.hash" => e => e.FileHash,
        "source.geo.country_iso_code" => e => e.SourceCountry,
        "network.transport" => e => e.NetworkTransport,
        "observer.vendor" => e => e.ObserverVendor,
        "observer.product" => e => e.ObserverProduct,
        _ when field.Contains('.', StringComparison.Ordinal) => e => e.Get(field),
        // Bare vendor names (Sigma's "Status", "SubjectUserSid") may sit under the ECS Windows prefix.
        _ => CompileBareName(field),
    };

    private static Func<NormalizedEvent, string?> CompileBareName(string field)
    {
        var windowsName = "winlog.event_data." + field;
        return e => e.Fields.Count == 0 ? null
            : e.Fields.TryGetValue(field, out var value) ? value
            : e.Fields.TryGetValue(windowsName, out value) ? value : null;
    }

    // Ports repeat constantly; caching their text keeps distinct-port counting allocation-free.
    private static readonly string[] PortTexts = BuildPortTexts();

    private static string PortText(int port) =>
        (uint)port < (uint)PortTexts.Length ? PortTexts[port] : port.ToString(CultureInfo.InvariantCulture);

    private static string[] BuildPortTexts()
    {
        var texts = new string[65536];
        for (var i = 0; i < texts.Length; i++)
        {
            texts[i] = i.ToString(CultureInfo.InvariantCulture);
        }
        return texts;
    }
}
