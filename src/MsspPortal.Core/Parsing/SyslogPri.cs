namespace MsspPortal.Core.Parsing;

// The &lt;PRI&gt; part shared by RFC 3164, RFC 5424 and syslog-wrapped CEF/LEEF.
internal static class SyslogPri
{
    internal static readonly string[] FacilityNames =
    [
        "kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp", "cron", "authpriv", "ftp",
        "ntp", "security", "console", "solaris-cron", "local0", "local1", "local2", "local3", "local4", "local5",
        "local6", "local7",
    ];

    internal static readonly string[] SeverityNames = ["emerg", "alert", "crit", "err", "warning", "notice", "info", "debug"];

    // Cached so that the hot path puts no new strings in Fields for the numbers.
    private static readonly string[] Numbers = CreateNumbers();

    // Syslog severity 0 (emergency) .. 7 (debug) on the 0..10 CEF scale of NormalizedEvent.Severity.
    internal static readonly int[] SeverityToScale = [10, 9, 8, 7, 5, 3, 1, 0];

    // Reads "&lt;n&gt;" at pos; returns false (pos unchanged) when absent or invalid.
    internal static bool TryRead(ReadOnlySpan<char> line, ref int pos, out int pri)
    {
        pri = -1;
        var i = pos;
        if (i >= line.Length || line[i] != '<')
        {
            return false;
        }
        i++;
        var value = 0;
        var digits = 0;
        while (i < line.Length && char.IsAsciiDigit(line[i]) && digits < 4)
        {
            value = (value * 10) + (line[i] - '0');
            digits++;
            i++;
        }
        if (digits == 0 || digits > 3 || i >= line.Length || line[i] != '>' || value > 191)
        {
            return false;
        }
        pri = value;
        pos = i + 1;
        return true;
    }

    internal static string Number(int value) => value >= 0 && value < Numbers.Length
        ? Numbers[value]
        : value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    internal static void Apply(Events.NormalizedEvent ev, int pri)
    {
        var facility = pri >> 3;
        var severity = pri & 7;
        var fields = ev.Fields;
        fields["syslog.priority"] = Number(pri);
        fields["syslog.facility.code"] = Number(facility);
        fields["syslog.facility.name"] = FacilityNames[facility];
        fields["syslog.severity.code"] = Number(severity);
        fields["syslog.severity.name"] = SeverityNames[severity];
        ev.Severity = SeverityToScale[severity];
    }

    private static string[] CreateNumbers()
    {
        var numbers = new string[192];
        for (var i = 0; i < numbers.Length; i++)
        {
            numbers[i] = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return numbers;
    }
}
