using MsspPortal.Core.Parsing;
using MsspPortal.Web.Demo;

namespace MsspPortal.UnitTests.Features;

/// <summary>
/// The demo's generated device lines go through the real parsers, so each must parse, and at the time it was
/// generated for: a line whose timestamp is lost lands at the batch's time and turns a day's traffic into one burst.
/// </summary>
public sealed class DemoLogsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 9, 30, 0, TimeSpan.Zero);

    public static TheoryData<string> StoryDays() => new() { "quiet", "sale-peak", "sale-stuffing", "card-testing", "takeover", "yesterday", "today" };

    [Theory]
    [MemberData(nameof(StoryDays))]
    public void Every_generated_line_parses_with_its_own_time(string which)
    {
        var calendar = new DemoCalendar(Now, 0);
        var day = Pick(calendar, which);
        var logs = new DemoLogs(calendar, 20261129);
        var problems = new List<string>();
        var lines = 0;
        for (var t = 0; t < DemoTenants.All.Count; t++)
        {
            var tenant = DemoTenants.All[t];
            var zone = TimeZoneInfo.FindSystemTimeZoneById(tenant.TimeZone);
            for (var s = 0; s < tenant.Sources.Count; s++)
            {
                var source = tenant.Sources[s];
                // As the pipeline parses a batch: received at the end of the span its lines cover.
                var options = new ParseOptions(zone, day.End);
                foreach (var line in logs.Lines(t, tenant, s, source, day))
                {
                    lines++;
                    var outcome = LogLineParser.Parse(line.Text, source.Format, options);
                    if (outcome.Event is not { } parsed)
                    {
                        problems.Add($"{source.Name}: quarantined ({outcome.Error}): {line.Text}");
                    }
                    else if (parsed.Timestamp < day.Start || parsed.Timestamp > day.End || Math.Abs((parsed.Timestamp - line.At).TotalSeconds) >= 1)
                    {
                        problems.Add($"{source.Name}: read {parsed.Timestamp:O}, generated {line.At:O}: {line.Text}");
                    }
                }
            }
        }

        Assert.True(lines > 1_000, $"only {lines} lines on {day.Date}");
        Assert.True(problems.Count == 0, $"{problems.Count} of {lines} lines on {day.Date}:\n" + string.Join('\n', problems.Take(10)));
    }

    private static DemoDay Pick(DemoCalendar calendar, string which)
    {
        var days = calendar.Days().ToList();
        return which switch
        {
            "quiet" => days.First(d => d.Date == new DateOnly(2026, 7, 7)),
            "sale-peak" => days.First(d => d.Date == calendar.SalePeak),
            "sale-stuffing" => days.First(d => d.Date == calendar.SalePeak.AddDays(-1)),
            "card-testing" => days.First(d => d.Date.Day == 5 && d.Date.Month == 6),
            "takeover" => days.First(d => d.Date.Day == 9 && d.Date.Month == 7),
            "yesterday" => days.Single(d => d.Yesterday),
            _ => days[^1],
        };
    }
}
