using System.Buffers;
using System.Reflection;
using MsspPortal.Core.Events;
using MsspPortal.Core.LogTest;
using MsspPortal.Core.Parsing;

namespace MsspPortal.UnitTests.Parsing;

/// <summary>`mssp logtest` parses each line into a recycled event: nothing of the previous line may show through.</summary>
public sealed class RecycledEventTests
{
    private static readonly string[] Files =
    [
        "syslog/cisco-asa/asa.log",
        "syslog/rfc3164/rfc3164.log",
        "syslog/rfc5424/rfc5424.log",
        "syslog/paloalto/panos.log",
        "syslog/auth/auth.log",
        "syslog/hostile/hostile.log",
        "syslog/broken/broken.log",
        "cef/vendors/mdca.cef",
        "cef/vendors/vault.cef",
        "cef/vendors/palo.cef",
        "cef/vendors/waf.cef",
        "cef/cases/cef-inputs.cef",
        "leef/metron-style/sample.leef",
        "json/zeek/wrapped/zeek.ndjson",
        "json/zeek/flat/dns.log",
        "json/zeek/flat/notice.log",
        "json/windows-security/security.ndjson",
        "json/okta/okta.jsonl",
    ];

    [Fact]
    public void Reset_leaves_every_property_as_a_new_event_has_it()
    {
        var ev = new NormalizedEvent();
        var properties = typeof(NormalizedEvent).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).ToList();
        foreach (var property in properties)
        {
            property.SetValue(ev, NonDefault(property.PropertyType));
        }
        ev.Fields["cef.cs1"] = "x";

        ev.Reset();

        var fresh = new NormalizedEvent();
        Assert.All(properties, p => Assert.Equal(p.GetValue(fresh), p.GetValue(ev)));
        Assert.False(ev.HasFields);
        Assert.True(properties.Count >= 23, "the reflection found the event's properties");
    }

    [Fact]
    public void Every_fixture_line_parsed_into_one_recycled_event_writes_what_a_new_event_writes()
    {
        // Mixed formats in one stream, so a line follows lines of every other kind, as in a real log-test paste.
        var lines = Files.SelectMany(Fixtures.Lines).ToList();
        var options = Fixtures.Options();
        var recycled = new NormalizedEvent();
        var names = new NameCache();
        var checkedLines = 0;
        // Twice over, the second time backwards: each line also follows the lines that came after it.
        foreach (var line in lines.Concat(Enumerable.Reverse(lines)))
        {
            var expected = Json(LogLineParser.Parse(line, LogFormat.Auto, options), names);
            var actual = Json(LogLineParser.Parse(line, LogFormat.Auto, options, recycled), names);
            Assert.Equal(expected, actual);
            checkedLines++;
        }
        Assert.Equal(2 * lines.Count, checkedLines);
        Assert.True(lines.Count > 80, $"only {lines.Count} fixture lines");
    }

    private static string Json(ParseOutcome outcome, NameCache names)
    {
        var buffer = new ArrayBufferWriter<byte>();
        LogTestJson.WriteLine(buffer, 1, outcome, names);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static object NonDefault(Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(string) => "set",
        var t when t == typeof(int) => 7,
        var t when t == typeof(DateTimeOffset) => new DateTimeOffset(2020, 1, 2, 3, 4, 5, TimeSpan.Zero),
        var t when t.IsEnum => Enum.GetValues(t).GetValue(Enum.GetValues(t).Length - 1)!,
        var t => throw new NotSupportedException($"Give the test a value for {t.Name} properties, and Reset a line for it."),
    };
}
