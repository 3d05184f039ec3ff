using MsspPortal.Web.Features.Alerts;

namespace MsspPortal.UnitTests.Features;

public sealed class AlertCursorTests
{
    [Fact]
    public void A_cursor_round_trips_through_its_text_form()
    {
        var cursor = new AlertCursor(new DateTimeOffset(2026, 11, 29, 4, 0, 0, TimeSpan.Zero), 42);

        Assert.Equal(cursor, AlertCursor.Parse(cursor.ToString()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abc-1")]
    [InlineData("1-2-3")]
    [InlineData("99999999999999999999-1")]
    [InlineData("-5-1")]
    public void A_malformed_cursor_is_ignored(string? text) => Assert.Null(AlertCursor.Parse(text));
}
