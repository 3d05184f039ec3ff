using MsspPortal.Core.Events;
using MsspPortal.Core.Parsing;

namespace MsspPortal.UnitTests.Parsing;

public sealed class StringPoolTests
{
    private static readonly ParseOptions Options = ParseOptions.Utc(new DateTimeOffset(2017, 4, 7, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Repeated_header_values_and_custom_labels_are_one_shared_string()
    {
        const string Line = "CEF:0|Acme Pool Test|Firewall|1.0|100|Denied|5|cs1Label=PoolRule cs1=a src=10.0.0.1";

        var first = LogLineParser.Parse(Line, LogFormat.Auto, Options).Event!;
        var second = LogLineParser.Parse(Line, LogFormat.Auto, Options).Event!;

        Assert.Same(first.ObserverVendor, second.ObserverVendor);
        Assert.Equal("a", second.Fields["cef.PoolRule"]);
        Assert.Same(first.Fields.Keys.Single(k => k == "cef.PoolRule"), second.Fields.Keys.Single(k => k == "cef.PoolRule"));
    }

    [Fact]
    public void Past_its_bound_the_pool_still_returns_the_right_values()
    {
        // Attacker-chosen vendors: far more than the pool holds; every line must still read back its own.
        for (var i = 0; i < 10_000; i++)
        {
            var ev = LogLineParser.Parse($"CEF:0|Vendor{i}|P|1|x|y|3|src=10.0.0.1", LogFormat.Auto, Options).Event!;
            Assert.Equal($"Vendor{i}", ev.ObserverVendor);
        }
    }

    [Fact]
    public void A_cef_extension_that_mentions_leef_is_still_parsed_from_the_first_cef_marker()
    {
        var outcome = LogLineParser.Parse("<14>Apr  7 10:10:10 fw01 CEF:0|V|P|1|x|y|3|msg=see LEEF:2.0 and CEF:1 docs", LogFormat.Auto, Options);

        Assert.Equal(LogFormat.Cef, outcome.DetectedFormat);
        Assert.Equal("V", outcome.Event!.ObserverVendor);
        Assert.Equal("see LEEF:2.0 and CEF:1 docs", outcome.Event.Message);
    }
}
