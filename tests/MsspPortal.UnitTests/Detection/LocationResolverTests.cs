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

    [Theory]
    [InlineData("198.51.100.23", 10)]
    [InlineData("0.0.0.0", 5)]
    [InlineData("255.255.255.255", 11)]
    [InlineData("010.1.2.3", 0)] // leading zeros: parsed the long way
    [InlineData("1.2.3.04", 0)]
    [InlineData("256.1.1.1", 0)]
    [InlineData("1.2.3", 0)]
    [InlineData("1.2.3.4.5", 0)]
    [InlineData("1..2.3", 0)]
    [InlineData("1.2.3.4 ", 0)]
    [InlineData("1.2.3.1000", 0)]
    [InlineData("", 0)]
    public void Only_plain_decimal_IPv4_takes_the_network_shortcut(string address, int prefix) =>
        Assert.Equal(prefix, LocationResolver.CanonicalIPv4Network(address));

    [Fact]
    public void The_network_shortcut_names_the_network_the_parsed_address_does()
    {
        var random = new Random(17);
        var resolver = new LocationResolver();
        for (var i = 0; i < 2_000; i++)
        {
            var bytes = new byte[4];
            random.NextBytes(bytes);
            var address = new System.Net.IPAddress(bytes);
            bytes[3] = 0;
            Assert.Equal($"network:{new System.Net.IPAddress(bytes)}/24", resolver.Resolve(Logon(T0, "ann", address.ToString(), success: true)));
        }
        // The long way, as before: the address parser reads a leading zero as octal (010 is 8).
        Assert.Equal("network:8.1.2.0/24", resolver.Resolve(Logon(T0, "ann", "010.1.2.3", success: true)));
    }

    [Fact]
    public void Long_junk_in_the_address_field_resolves_to_nothing()
    {
        var junk = new string('9', 5_000);
        Assert.Null(Resolver.Resolve(Logon(T0, "ann", junk, success: true)));
    }
}
