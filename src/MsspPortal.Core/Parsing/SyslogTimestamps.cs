namespace MsspPortal.Core.Parsing;

// Allocation-free readers for the timestamps syslog devices send.
internal static class SyslogTimestamps
{
    // Reads a BSD timestamp "Mmm dd hh:mm:ss", also with a year ("Mmm dd yyyy hh:mm:ss", Cisco) and fractions. A
    // missing year is inferred from receivedAt in the source's zone (Dec/Jan rollover).
    internal static bool TryReadBsd(ReadOnlySpan<char> s, TimeZoneInfo zone, DateTimeOffset receivedAt, out DateTimeOffset utc, out int consumed)
    {
        utc = default;
        consumed = 0;
        if (s.Length < 15)
        {
            return false;
        }
        var month = Month(s[..3]);
        if (month == 0 || s[3] != ' ')
        {
            return false;
        }
        var i = 4;
        if (s[i] == ' ')
        {
            i++;
        }
        if (!ReadNumber(s, ref i, 1, 2, out var day) || i >= s.Length || s[i] != ' ')
        {
            return false;
        }
        i++;
        var year = 0;
        if (i + 4 < s.Length && s[i + 4] == ' ' && char.IsAsciiDigit(s[i]) && s[i + 2] != ':')
        {
            if (!ReadNumber(s, ref i, 4, 4, out year))
            {
                return false;
            }
            i++;
        }
        if (!ReadClock(s, ref i, out var hour, out var minute, out var second, out var ticks))
        {
            return false;
        }
        consumed = i;
        if (year == 0)
        {
            year = InferYear(month, zone, receivedAt);
        }
        return TryBuild(year, month, day, hour, minute, second, ticks, zone, out utc);
    }

    // RFC 3339 / ISO 8601: yyyy-MM-ddTHH:mm:ss[.f+][Z|±hh:mm|±hhmm]; a space may replace T; no zone means zone.
    internal static bool TryReadIso(ReadOnlySpan<char> s, TimeZoneInfo zone, out DateTimeOffset utc, out int consumed)
    {
        utc = default;
        consumed = 0;
        var i = 0;
        if (!ReadNumber(s, ref i, 4, 4, out var year) || !Expect(s, ref i, '-')
            || !ReadNumber(s, ref i, 2, 2, out var month) || !Expect(s, ref i, '-')
            || !ReadNumber(s, ref i, 2, 2, out var day) || i >= s.Length || (s[i] != 'T' && s[i] != 't' && s[i] != ' '))
        {
            return false;
        }
        i++;
        if (!ReadClock(s, ref i, out var hour, out var minute, out var second, out var ticks))
        {
            return false;
        }
        TimeSpan? offset = null;
        if (i < s.Length && (s[i] == 'Z' || s[i] == 'z'))
        {
            offset = TimeSpan.Zero;
            i++;
        }
        else if (i < s.Length && (s[i] == '+' || s[i] == '-') && i + 2 < s.Length && char.IsAsciiDigit(s[i + 1]))
        {
            var sign = s[i] == '-' ? -1 : 1;
            i++;
            if (!ReadNumber(s, ref i, 2, 2, out var oh))
            {
                return false;
            }
            if (i < s.Length && s[i] == ':')
            {
                i++;
            }
            var om = 0;
            if (i + 1 < s.Length && char.IsAsciiDigit(s[i]) && !ReadNumber(s, ref i, 2, 2, out om))
            {
                return false;
            }
            if (oh > 14 || om > 59)
            {
                return false;
            }
            offset = new TimeSpan(sign * oh, sign * om, 0);
        }
        consumed = i;
        if (offset is { } known)
        {
            if (!TryLocal(year, month, day, hour, minute, second, ticks, out var local))
            {
                return false;
            }
            utc = new DateTimeOffset(local.DateTime, known).ToUniversalTime().Add(local.LeapSecond);
            return true;
        }
        return TryBuild(year, month, day, hour, minute, second, ticks, zone, out utc);
    }

    internal static int Month(ReadOnlySpan<char> m)
    {
        if (m.Length != 3)
        {
            return 0;
        }
        // Case-insensitive on purpose: some devices send "JAN".
        var a = (char)(m[0] | 0x20);
        var b = (char)(m[1] | 0x20);
        var c = (char)(m[2] | 0x20);
        return (a, b, c) switch
        {
            ('j', 'a', 'n') => 1,
            ('f', 'e', 'b') => 2,
            ('m', 'a', 'r') => 3,
            ('a', 'p', 'r') => 4,
            ('m', 'a', 'y') => 5,
            ('j', 'u', 'n') => 6,
            ('j', 'u', 'l') => 7,
            ('a', 'u', 'g') => 8,
            ('s', 'e', 'p') => 9,
            ('o', 'c', 't') => 10,
            ('n', 'o', 'v') => 11,
            ('d', 'e', 'c') => 12,
            _ => 0,
        };
    }

    // The receive year, unless that puts the line more than a month in the future: logs do not come from the
    // future, so a November line read in February (a back-fill) is last year's. The one exception is a January line
    // read in December, whose sender's clock crossed New Year first.
    internal static int InferYear(int month, TimeZoneInfo zone, DateTimeOffset receivedAt)
    {
        var local = zone == TimeZoneInfo.Utc ? receivedAt.UtcDateTime : TimeZoneInfo.ConvertTime(receivedAt, zone).DateTime;
        var year = local.Year;
        var monthDelta = month - local.Month;
        if (monthDelta == -11)
        {
            return year + 1;
        }
        return monthDelta > 1 ? year - 1 : year;
    }

    internal static bool TryBuild(int year, int month, int day, int hour, int minute, int second, long ticks, TimeZoneInfo zone, out DateTimeOffset utc)
    {
        utc = default;
        if (!TryLocal(year, month, day, hour, minute, second, ticks, out var local))
        {
            return false;
        }
        var offset = zone == TimeZoneInfo.Utc ? TimeSpan.Zero : zone.GetUtcOffset(local.DateTime);
        utc = new DateTimeOffset(local.DateTime - offset, TimeSpan.Zero).Add(local.LeapSecond);
        return true;
    }

    private readonly record struct LocalTime(DateTime DateTime, TimeSpan LeapSecond);

    private static bool TryLocal(int year, int month, int day, int hour, int minute, int second, long ticks, out LocalTime local)
    {
        local = default;
        if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 60)
        {
            return false;
        }
        // A leap second (:60) is one second after :59; DateTime cannot hold it directly.
        var leap = second == 60 ? TimeSpan.FromSeconds(1) : TimeSpan.Zero;
        var dateTime = new DateTime(year, month, day, hour, minute, second == 60 ? 59 : second, DateTimeKind.Unspecified).AddTicks(ticks);
        local = new LocalTime(dateTime, leap);
        return true;
    }

    private static bool ReadClock(ReadOnlySpan<char> s, ref int i, out int hour, out int minute, out int second, out long ticks)
    {
        minute = second = 0;
        ticks = 0;
        if (!ReadNumber(s, ref i, 2, 2, out hour) || !Expect(s, ref i, ':') || !ReadNumber(s, ref i, 2, 2, out minute)
            || !Expect(s, ref i, ':') || !ReadNumber(s, ref i, 2, 2, out second))
        {
            return false;
        }
        if (i < s.Length && (s[i] == '.' || s[i] == ',') && i + 1 < s.Length && char.IsAsciiDigit(s[i + 1]))
        {
            i++;
            long scale = TimeSpan.TicksPerSecond;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                scale /= 10;
                ticks += (s[i] - '0') * scale;
                i++;
            }
        }
        return true;
    }

    private static bool Expect(ReadOnlySpan<char> s, ref int i, char c)
    {
        if (i < s.Length && s[i] == c)
        {
            i++;
            return true;
        }
        return false;
    }

    private static bool ReadNumber(ReadOnlySpan<char> s, ref int i, int min, int max, out int value)
    {
        value = 0;
        var start = i;
        while (i < s.Length && i - start < max && char.IsAsciiDigit(s[i]))
        {
            value = (value * 10) + (s[i] - '0');
            i++;
        }
        return i - start >= min;
    }
}
