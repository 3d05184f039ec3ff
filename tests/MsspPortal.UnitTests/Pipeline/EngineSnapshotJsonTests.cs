using System.Text.Json;
using MsspPortal.Core.Detection;
using MsspPortal.Core.Detection.State;
using MsspPortal.Web.Pipeline;
using static MsspPortal.UnitTests.Detection.Events;

namespace MsspPortal.UnitTests.Pipeline;

// Saved windows are read back after an upgrade: the generated serializer must write what the reflection-based one
// with the web defaults wrote (the format of every saved state so far), and read it back whole.
public sealed class EngineSnapshotJsonTests
{
    private static readonly JsonSerializerOptions ReflectionWeb = new(JsonSerializerDefaults.Web);

    private static DetectionEngine EngineWithWindows(Guid tenant)
    {
        var engine = new DetectionEngine(BuiltInRuleSet());
        var events = Enumerable.Range(0, 40).Select(i => Logon(T0.AddSeconds(i * 7), $"user{i % 6}", $"198.51.100.{i % 9}", success: i % 5 != 0, i % 4 == 0 ? "nl" : null))
            .Concat(Enumerable.Range(0, 30).Select(i => Connection(T0.AddSeconds(i), "203.0.113.9", "10.0.0.5", 20 + i)));
        engine.Evaluate(tenant, events.OrderBy(e => e.Timestamp).ToList());
        return engine;
    }

    private static IEnumerable<DetectionRule> BuiltInRuleSet() => Core.Detection.BuiltIn.BuiltInRules.All;

    [Fact]
    public void Writes_what_the_reflection_serializer_wrote_and_reads_it_back()
    {
        var tenant = Guid.NewGuid();
        var snapshot = EngineWithWindows(tenant).CreateSnapshot(T0.AddHours(1));
        Assert.NotEmpty(snapshot.Tenants.Single().Rules); // windows with times and with values

        var generated = JsonSerializer.Serialize(snapshot, EngineSnapshotJson.Default.EngineSnapshot);
        var reflected = JsonSerializer.Serialize(snapshot, ReflectionWeb);
        Assert.Equal(reflected, generated);

        var restored = new DetectionEngine(BuiltInRuleSet());
        restored.Restore(JsonSerializer.Deserialize(reflected, EngineSnapshotJson.Default.EngineSnapshot)!);
        Assert.Equal(generated, JsonSerializer.Serialize(restored.CreateSnapshot(T0.AddHours(1)), EngineSnapshotJson.Default.EngineSnapshot));
    }
}
