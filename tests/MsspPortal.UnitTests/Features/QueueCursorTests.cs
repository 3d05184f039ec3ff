using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using MsspPortal.Web.Features.Alerts;

namespace MsspPortal.UnitTests.Features;

public sealed class QueueCursorTests
{
    [Theory]
    [InlineData(QueueSort.Risk, 87L, 42L)]
    [InlineData(QueueSort.Time, 639000000000000000L, 42L)]
    [InlineData(QueueSort.Sla, 639000000000000000L, 7L)]
    [InlineData(QueueSort.Sla, null, 7L)]
    public void A_cursor_round_trips_through_its_text_form(QueueSort sort, long? key, long id)
    {
        var cursor = new QueueCursor(sort, key, id);

        Assert.Equal(cursor, QueueCursor.Parse(cursor.ToString()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abc-1")]
    [InlineData("1-2-3")]
    [InlineData("99999999999999999999-1")]
    [InlineData("-5-1")]
    [InlineData("%%%")]
    public void A_malformed_cursor_is_ignored(string? text) => Assert.Null(QueueCursor.Parse(text));

    [Theory]
    [InlineData("0:101:1")] // a risk above 100
    [InlineData("0::1")] // only the SLA sort has a keyless tail
    [InlineData("9:1:1")] // no such sort
    [InlineData("1:99999999999999999999:1")]
    [InlineData("1:-5:1")]
    [InlineData("0:50:-1")]
    public void A_cursor_that_decodes_to_nonsense_is_ignored(string plain) =>
        Assert.Null(QueueCursor.Parse(Base64UrlTextEncoder.Encode(Encoding.UTF8.GetBytes(plain))));
}
