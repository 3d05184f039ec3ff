using MsspPortal.Core.Parsing;

namespace MsspPortal.UnitTests.Parsing;

public sealed class YearInferenceTests
{
    [Theory]
    [InlineData(2, 2026, 11, 29, 2026)]  // a back-fill of February read in November: this year, not the future
    [InlineData(11, 2026, 11, 29, 2026)]
    [InlineData(12, 2026, 11, 29, 2026)] // up to a month ahead is clock skew, kept in this year
    [InlineData(12, 2027, 1, 2, 2026)]   // a December line read on 2 January is last year's
    [InlineData(1, 2026, 12, 31, 2027)]  // a January line read on 31 December: the sender crossed New Year first
    [InlineData(6, 2027, 1, 2, 2026)]    // June read in January: last year's
    public void A_year_less_stamp_never_lands_more_than_a_month_in_the_future(int month, int receivedYear, int receivedMonth, int receivedDay, int expected)
    {
        var received = new DateTimeOffset(receivedYear, receivedMonth, receivedDay, 12, 0, 0, TimeSpan.Zero);

        Assert.Equal(expected, SyslogTimestamps.InferYear(month, TimeZoneInfo.Utc, received));
    }
}
