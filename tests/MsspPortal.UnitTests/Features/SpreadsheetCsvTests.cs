using MsspPortal.Web.Infrastructure.Export;

namespace MsspPortal.UnitTests.Features;

public sealed class SpreadsheetCsvTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+1+2", "'+1+2")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("line\nbreak", "\"line\nbreak\"")]
    [InlineData("", "")]
    public void Cells_never_start_a_formula_and_are_quoted_when_needed(string value, string expected) =>
        Assert.Equal(expected, SpreadsheetCsv.Cell(value));

    [Fact]
    public void A_row_ends_with_crlf_and_keeps_empty_cells() =>
        Assert.Equal("a,,'=1\r\n", SpreadsheetCsv.Row("a", null, "=1"));
}
