namespace MsspPortal.Core.Privacy;

// The Luhn (mod 10) check digit of payment card numbers (ISO/IEC 7812-1).
public static class Luhn
{
    // True when the digits (separators ignored) pass the check.
    public static bool IsValid(ReadOnlySpan<char> digits)
    {
        var sum = 0;
        var count = 0;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var c = digits[i];
            if (c is < '0' or > '9')
            {
                continue;
            }
            var d = c - '0';
            if ((count & 1) == 1)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }
            sum += d;
            count++;
        }
        return count > 0 && sum % 10 == 0;
    }
}
