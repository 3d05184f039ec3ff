using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;

namespace MsspPortal.Web.Features.Value.Profile;

// How the value pages write amounts and figures: the tenant's currency on every amount, invariant digits so a
// finance person reads the same number the CSV and the API carry.
public static class ValueFormat
{
    public static string Money(decimal? amount, string currency) =>
        amount is { } a ? string.Create(CultureInfo.InvariantCulture, $"{a:#,0.##} {currency}") : "—";

    public static string Number(decimal? value, string? unit = null) =>
        value is { } v ? string.Create(CultureInfo.InvariantCulture, $"{v:#,0.####}") + (unit is null ? "" : " " + unit) : "—";

    // A value as an input field holds it: invariant digits, no grouping.
    public static string Raw(object? value) => value switch
    {
        null => "",
        decimal d => d.ToString("0.######", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    public static string Month(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—";

    public static string When(DateTimeOffset? at) => at?.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "—";

    public static string Hours(TimeOnly start, TimeOnly end) =>
        start == end ? "around the clock" : $"{start.ToString("HH:mm", CultureInfo.InvariantCulture)}–{end.ToString("HH:mm", CultureInfo.InvariantCulture)}";
}

// Display names of the people an input or a figure names (approvers, reporters); an id nobody has is shown as is.
internal static class PeopleNames
{
    public static async Task<Dictionary<string, string>> LoadAsync(PortalDbContext db, IEnumerable<string?> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.OfType<string>().Distinct().ToList();
        if (wanted.Count == 0)
        {
            return [];
        }
        return await db.Users.Where(u => wanted.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName == "" ? u.Email ?? u.Id : u.DisplayName, cancellationToken);
    }

    public static string? Of(Dictionary<string, string> names, string? id) => id is null ? null : names.GetValueOrDefault(id, id);
}
