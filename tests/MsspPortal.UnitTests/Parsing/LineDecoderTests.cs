using MsspPortal.Core.Events;
using MsspPortal.Core.Parsing;

namespace MsspPortal.UnitTests.Parsing;

public sealed class LineDecoderTests
{
    [Fact]
    public void Invalid_utf8_becomes_replacement_characters()
    {
        var text = LogLineDecoder.Decode([(byte)'a', 0xFF, 0xC3, (byte)'b', (byte)'\r', (byte)'\n'], 100, out var truncated);

        Assert.Equal("a\uFFFD\uFFFDb", text);
        Assert.False(truncated);
    }

    [Fact]
    public void Oversized_line_is_cut_on_a_character_boundary_and_flagged()
    {
        var bytes = "ab\u00e9cd"u8.ToArray(); // é is two bytes, at offsets 2 and 3
        var text = LogLineDecoder.Decode(bytes, 3, out var truncated);

        Assert.Equal("ab", text);
        Assert.True(truncated);
    }

    [Fact]
    public void Truncated_line_still_parses_and_says_so()
    {
        var line = "<13>Jan  1 00:00:00 host app: " + new string('x', 500);
        var outcome = LogLineParser.Parse(line, LogFormat.Auto, Fixtures.Options() with { MaxLineLength = 100 });

        Assert.True(outcome.Truncated);
        Assert.NotNull(outcome.Event);
        Assert.Equal(70, outcome.Event!.Message!.Length);
        Assert.Equal("true", outcome.Event.Fields["event.truncated"]);
    }

    [Fact]
    public void Empty_line_is_an_error_not_an_exception()
    {
        var outcome = LogLineParser.Parse(ReadOnlySpan<byte>.Empty, LogFormat.Auto, Fixtures.Options());

        Assert.Equal("empty line", outcome.Error);
    }
}
