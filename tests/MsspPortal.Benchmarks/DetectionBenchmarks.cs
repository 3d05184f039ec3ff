using BenchmarkDotNet.Attributes;
using MsspPortal.Core.Detection;
using MsspPortal.Core.Detection.BuiltIn;
using MsspPortal.Core.Events;
using MsspPortal.Core.Intel;

namespace MsspPortal.Benchmarks;

/// <summary>
/// Cost per event of all built-in rules on a realistic mix (logons, connections, web, orders, card
/// authorisations, DNS, IDS), with a threat-intel list loaded. Reported per event via OperationsPerInvoke.
/// </summary>
[MemoryDiagnoser]
public class DetectionBenchmarks
{
    private const int EventCount = 4096;
    private readonly List<DetectionResult> _output = new(1024);
    private NormalizedEvent[] _events = [];
    private DetectionEngine _engine = null!;
    private Guid _tenant;
    private DateTimeOffset _clock;

    [GlobalSetup]
    public void Setup()
    {
        var intel = new ThreatIntelStore();
        intel.Load(null, "feed", Enumerable.Range(0, 10_000).Select(i => new ThreatIndicator(IndicatorType.IpAddress, $"198.18.{i / 250}.{i % 250}", "feed")));
        _engine = new DetectionEngine(BuiltInRules.All, new DetectionEngineOptions { Intel = intel });
        _tenant = Guid.NewGuid();
        var start = new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);
        _events = [.. Enumerable.Range(0, EventCount).Select(i => Make(i, start))];
        _clock = start;
    }

    private static NormalizedEvent Make(int i, DateTimeOffset at)
    {
        var e = new NormalizedEvent { Timestamp = at, SourceIp = $"10.{i % 3}.{i % 50}.{i % 200}", DestinationIp = "192.0.2.10" };
        switch (i % 8)
        {
            case 0 or 1:
                e.EventCategory = "network";
                e.EventAction = "connection-allowed";
                e.DestinationPort = 443;
                break;
            case 2 or 3:
                e.EventCategory = "web";
                e.EventAction = "http-request";
                e.Url = "/product/" + (i % 40);
                break;
            case 4:
                e.EventCategory = "authentication";
                e.EventAction = "logon";
                e.Outcome = i % 16 == 4 ? EventOutcome.Failure : EventOutcome.Success;
                e.UserName = "user" + (i % 300);
                break;
            case 5:
                e.EventCategory = "business";
                e.EventAction = i % 16 == 5 ? "order-placed" : "card-authorization";
                e.Outcome = EventOutcome.Success;
                e.Fields["card.id"] = "card-" + (i % 500);
                e.Fields["transaction.amount"] = "25.00";
                break;
            case 6:
                e.EventCategory = "network";
                e.EventAction = "dns-query";
                e.Domain = "www.example.org";
                break;
            default:
                e.EventCategory = "intrusion_detection";
                e.EventAction = "alert";
                e.RuleName = "ET SCAN";
                e.Severity = 3;
                break;
        }
        return e;
    }

    [Benchmark(OperationsPerInvoke = EventCount)]
    public int DetectAllBuiltInRulesPerEvent()
    {
        _output.Clear();
        var events = _events;
        for (var i = 0; i < events.Length; i++)
        {
            // Event time keeps moving across invocations, so windows expire and are swept as in a live stream.
            _clock = _clock.AddTicks(TimeSpan.TicksPerMillisecond * 50);
            events[i].Timestamp = _clock;
            _engine.Evaluate(_tenant, events[i], _output);
        }
        return _output.Count;
    }
}
