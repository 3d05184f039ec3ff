using MsspPortal.Core.Parsing;

namespace MsspPortal.UnitTests.Parsing;

/// <summary>tests/Fixtures, copied beside the test binaries: hand-written lines, nothing from outside the repository.</summary>
internal static class Fixtures
{
    public static string Path(string relative) => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", relative);

    public static string Text(string relative) => File.ReadAllText(Path(relative));

    public static string[] Lines(string relative) =>
        Text(relative).Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToArray();

    public static ParseOptions Options(int year = 2016, int month = 6) =>
        ParseOptions.Utc(new DateTimeOffset(year, month, 15, 12, 0, 0, TimeSpan.Zero));

    public static System.Text.Json.JsonElement[] Cases(string relative) =>
        Core.Conformance.CaseFiles.Cases(Text(relative)) ?? throw new InvalidDataException(relative + " is not a case file");

    public static TheoryData<string> CaseIds(string relative)
    {
        var data = new TheoryData<string>();
        foreach (var c in Cases(relative))
        {
            data.Add(Core.Conformance.CaseFiles.Id(c));
        }
        return data;
    }

    public static System.Text.Json.JsonElement Case(string relative, string id) =>
        Cases(relative).Single(c => Core.Conformance.CaseFiles.Id(c) == id);
}
