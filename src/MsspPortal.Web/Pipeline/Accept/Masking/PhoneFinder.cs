using MsspPortal.Core.Privacy;
using PhoneNumbers;

namespace MsspPortal.Web.Pipeline;

// Phone numbers that libphonenumber validates: international ones (+country code) always; national formats only for
// the regions a tenant opted into, since a bare run of digits is a phone number in one country and an id in another.
public sealed class PhoneFinder : IPhoneFinder
{
    private static readonly PhoneNumberUtil Numbers = PhoneNumberUtil.GetInstance();

    public IReadOnlyList<(int Start, int Length)> Find(string line, IReadOnlyList<string> nationalRegions)
    {
        var found = new List<(int Start, int Length)>();
        // "ZZ" is the unknown region: only numbers written with their country code are found.
        foreach (var region in nationalRegions.Prepend("ZZ"))
        {
            foreach (var match in Numbers.FindNumbers(line, region, PhoneNumberUtil.Leniency.VALID, long.MaxValue))
            {
                if (!found.Any(f => f.Start < match.Start + match.Length && match.Start < f.Start + f.Length))
                {
                    found.Add((match.Start, match.Length));
                }
            }
        }
        return found;
    }
}
