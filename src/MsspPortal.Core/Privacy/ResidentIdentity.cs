namespace MsspPortal.Core.Privacy;

// China's resident identity number (GB 11643-1999): 6-digit region code, 8-digit birth date, 3-digit sequence and a
// check character computed by ISO 7064 MOD 11-2 ('X' stands for 10).
public static class ResidentIdentity
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

    private const string CheckCharacters = "10X98765432";

    public static bool IsValid(ReadOnlySpan<char> id)
    {
        if (id.Length != 18 || id[0] is < '1' or > '9')
        {
            return false;
        }
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var c = id[i];
            if (c is < '0' or > '9')
            {
                return false;
            }
            sum += (c - '0') * Weights[i];
        }
        var check = char.ToUpperInvariant(id[17]);
        return check == CheckCharacters[sum % 11] && IsBirthDate(id.Slice(6, 8));
    }

    // A real calendar date between 1900 and 2099: rules out most long numbers that pass the check by chance.
    private static bool IsBirthDate(ReadOnlySpan<char> yyyymmdd)
    {
        var year = int.Parse(yyyymmdd[..4], provider: System.Globalization.CultureInfo.InvariantCulture);
        var month = (yyyymmdd[4] - '0') * 10 + (yyyymmdd[5] - '0');
        var day = (yyyymmdd[6] - '0') * 10 + (yyyymmdd[7] - '0');
        return year is >= 1900 and <= 2099 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);
    }
}
