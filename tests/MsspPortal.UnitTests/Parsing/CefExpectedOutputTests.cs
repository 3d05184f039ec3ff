using System.Text.Json;
using MsspPortal.Core.Events;
using MsspPortal.Core.Parsing;

namespace MsspPortal.UnitTests.Parsing;

/// <summary>The logstash-codec-cef spec cases and Metron's CyberArk expectation, mapped to our field names.</summary>
public sealed class CefExpectedOutputTests
{
    private static readonly string[] HeaderNames = ["version", "deviceVendor", "deviceProduct", "deviceVersion", "deviceEventClassId", "name", "severity"];

    public static TheoryData<string> CaseIds()
    {
        var data = new TheoryData<string>();
        foreach (var c in Cases().EnumerateArray())
        {
            data.Add(c.GetProperty("id").GetString()!);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void Logstash_cef_case_gives_the_expected_header_extension_or_failure(string id)
    {
        var c = Cases().EnumerateArray().Single(x => x.GetProperty("id").GetString() == id);
        var input = c.GetProperty("input").GetString()!;
        var outcome = LogLineParser.Parse(input, LogFormat.Cef, Corpus.Options());

        if (c.TryGetProperty("expect_parse_failure", out _))
        {
            Assert.Null(outcome.Event);
            Assert.StartsWith("CEF: ", outcome.Error, StringComparison.Ordinal);
            return;
        }
        Assert.True(outcome.Event is not null, outcome.Error);
        var marker = input.IndexOf("CEF:", StringComparison.Ordinal);
        Span<Range> header = stackalloc Range[7];
        Assert.Equal(7, CefParser.SplitHeader(input, marker + 4, header, out var extensionStart));
        if (c.TryGetProperty("expected_header", out var expectedHeader))
        {
            for (var i = 0; i < HeaderNames.Length; i++)
            {
                Assert.Equal(expectedHeader.GetProperty(HeaderNames[i]).GetString(), CefParser.UnescapeHeader(input.AsSpan()[header[i]]).Trim());
            }
        }
        if (c.TryGetProperty("expected_extension", out var expectedExtension))
        {
            var actual = ReadExtension(input[extensionStart..]);
            foreach (var property in expectedExtension.EnumerateObject())
            {
                Assert.True(actual.TryGetValue(property.Name, out var value), $"missing extension key {property.Name}");
                Assert.Equal(property.Value.GetString(), value);
            }
        }
    }

    [Fact]
    public void Cyberark_line_matches_metron_expected_output()
    {
        var expected = JsonDocument.Parse(File.ReadAllText(Corpus.Path("cef/metron/cyberark.json"))).RootElement;
        var line = File.ReadAllText(Corpus.Path("cef/metron/cyberark.cef")).TrimEnd('\n');
        var ev = LogLineParser.Parse(line, LogFormat.Auto, Corpus.Options(2016)).Event!;

        Assert.Equal(expected.GetProperty("deviceAction").GetString(), ev.EventAction);
        Assert.Equal(expected.GetProperty("deviceAddress").GetString(), ev.Fields["observer.ip"]);
        Assert.Equal(expected.GetProperty("device_vendor").GetString(), ev.ObserverVendor);
        Assert.Equal(expected.GetProperty("device_product").GetString(), ev.ObserverProduct);
        Assert.Equal(expected.GetProperty("device_version").GetString(), ev.Fields["observer.version"]);
        Assert.Equal(expected.GetProperty("event_class_id").GetString(), ev.RuleId);
        Assert.Equal(expected.GetProperty("event_name").GetString(), ev.RuleName);
        Assert.Equal(expected.GetProperty("fileName").GetString(), ev.Fields["file.name"]);
        Assert.Equal(expected.GetProperty("message").GetString(), ev.Message);
        Assert.Equal(5, ev.Severity);
        Assert.Equal(expected.GetProperty("src_hostname").GetString(), ev.Fields["source.domain"]);
        Assert.Equal(expected.GetProperty("src_username").GetString(), ev.UserName);
        Assert.Equal(expected.GetProperty("timestamp").GetInt64(), ev.Timestamp.ToUnixTimeMilliseconds());
        Assert.Equal("HHHPVATN1", ev.HostName);
        // Metron keeps the quotes of quoted labels and a trailing space; we drop both.
        Assert.Equal(expected.GetProperty("\"Safe Name\"").GetString(), ev.Fields["cef.Safe Name"]);
        Assert.Equal(expected.GetProperty("\"Other info\"").GetString(), ev.Fields["cef.Other info"]);
        Assert.Equal(expected.GetProperty("\"Ticket Id\"").GetString()!.TrimEnd(), ev.Fields["cef.Ticket Id"]);
    }

    internal static Dictionary<string, string> ReadExtension(string extension)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var reader = new CefExtensionReader(extension);
        while (reader.MoveNext())
        {
            result[reader.Key.ToString()] = CefParser.UnescapeValue(reader.RawValue);
        }
        return result;
    }

    private static JsonElement Cases() =>
        JsonDocument.Parse(File.ReadAllText(Corpus.Path("cef/logstash-codec-cef/decode-cases.json"))).RootElement.GetProperty("cases");
}
