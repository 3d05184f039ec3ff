using System.Globalization;

namespace MsspPortal.Core.Intel;

/// <summary>
/// Reads an indicator list with a header row: <c>type,value[,confidence][,valid_until][,description]</c>.
/// Bad rows are reported, not fatal: one typo should not throw away a feed of ten thousand lines.
/// </summary>
public static class IndicatorCsvImporter
{
    public static IntelImportResult Import(TextReader reader, string source, Guid? tenantId = null)
    {
        var indicators = new List<ThreatIndicator>();
        var skipped = new List<string>();
        var header = reader.ReadLine();
        if (header is null)
        {
            return new IntelImportResult(indicators, ["The file is empty."]);
        }
        var columns = CsvLine.Split(header).Select(c => c.Trim().ToLowerInvariant()).ToList();
        int typeAt = columns.IndexOf("type"), valueAt = columns.IndexOf("value");
        int confidenceAt = columns.IndexOf("confidence"), untilAt = columns.IndexOf("valid_until"), descriptionAt = columns.IndexOf("description");
        if (typeAt < 0 || valueAt < 0)
        {
            return new IntelImportResult(indicators, ["The header must name the columns 'type' and 'value'."]);
        }

        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line) || line.StartsWith('#'))
            {
                continue;
            }
            var fields = CsvLine.Split(line);
            string? Field(int index) => index >= 0 && index < fields.Count && fields[index].Trim().Length > 0 ? fields[index].Trim() : null;

            if (!IndicatorValues.TryParseType(Field(typeAt) ?? "", out var type) || Field(valueAt) is not { } value)
            {
                skipped.Add($"line {lineNumber}: unknown type or empty value");
                continue;
            }
            if (type == IndicatorType.IpAddress && !System.Net.IPAddress.TryParse(value, out _))
            {
                // An unparseable address would never match anything: say so instead of storing dead weight.
                skipped.Add($"line {lineNumber}: '{value}' is not an IP address");
                continue;
            }
            var confidence = 50;
            if (Field(confidenceAt) is { } confidenceText && (!int.TryParse(confidenceText, CultureInfo.InvariantCulture, out confidence) || confidence is < 0 or > 100))
            {
                skipped.Add($"line {lineNumber}: confidence must be 0..100");
                continue;
            }
            DateTimeOffset? validUntil = null;
            if (Field(untilAt) is { } untilText)
            {
                if (!DateTimeOffset.TryParse(untilText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var until))
                {
                    skipped.Add($"line {lineNumber}: valid_until is not a date");
                    continue;
                }
                validUntil = until;
            }
            indicators.Add(new ThreatIndicator(type, IndicatorValues.Normalize(type, value), source)
            {
                Confidence = confidence,
                ValidUntil = validUntil,
                Description = Field(descriptionAt),
                TenantId = tenantId,
            });
        }
        return new IntelImportResult(indicators, skipped);
    }
}
