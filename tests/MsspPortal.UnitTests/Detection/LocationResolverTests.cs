using MsspPortal.Core.Detection;
using static MsspPortal.UnitTests.Detection.Events;

namespace MsspPortal.UnitTests.Detection;

// Places are cached by the event's text: the second answer for an address must be the first one.
public sealed class LocationResolverTests
{
    private static readonly LocationResolver Resolver = new([new("203.0.113.0/24", "us"), new("2001:db8:aa::/48", "NL")]);

    [Theory]
    [InlineData("203.0.113.77", null, "country:US")]
    [InlineData("198.51.100.23", null, "network:198.51.100.0/24")]
    [InlineData("::ffff:198.51.100.23", null, "network:198.51.100.0/24")]
    [InlineData("2001:db8:aa:1::5", null, "country:NL")]
    [InlineData("2001:db8:bb:1::5", null, "network:2001:db8:bb::/48")]
    [InlineData("198.51.100.23", "de", "country:DE")]
    [InlineData("not-an-address", null, null)]
    public void Resolves_the_same_place_every_time(string address, string? country, string? expected)
    {
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(expected, Resolver.Resolve(Logon(T0, "ann", address, success: true, country)));
        }
    }

    [Fact]
    public void Keeps_answering_past_its_cache_bound()
    {
        var resolver = new LocationResolver();
        for (var i = 0; i < 20_000; i++)
        {
            var address = $"10.{i / 65536 % 256}.{i / 256 % 256}.{i % 256}";
            Assert.Equal($"network:10.{i / 65536 % 256}.{i / 256 % 256}.0/24", resolver.Resolve(Logon(T0, "ann", address, success: true)));
        }
        Assert.Equal("network:10.0.1.0/24", resolver.Resolve(Logon(T0, "ann", "10.0.1.9", success: true)));
    }

    [Fact]
    public void Long_junk_in_the_address_field_resolves_to_nothing()
    {
        var junk = new string('9', 5_000);
        Assert.Null(Resolver.Resolve(Logon(T0, "ann", junk, success: true)));
    }
}
