using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Features.Alerts;

public enum QueueSort
{
    Risk,
    Time,
    Sla,
}

public enum QueueGrouping
{
    None,
    Rule,
    Entity,
    Tenant,
}

public enum AssigneeFilter
{
    Anyone,
    Me,
    Unassigned,
}

// Which alerts by status: the open ones (everything but Resolved, the default), one status, or all.
public enum StatusScope
{
    Open,
    One,
    All,
}

// The queue's filter exactly as the URL states it, with readable values (status=waiting-on-customer&tenant=harbor-bank),
// so a link can be read, pasted and saved as a view. Parse never throws: a value it cannot read is left out and named
// in Notes, which the page shows.
public sealed partial record QueueFilter
{
    public StatusScope StatusScope { get; init; }

    public AlertStatus? Status { get; init; }

    public AlertSeverity? Severity { get; init; }

    public TenantChoice? Tenant { get; init; }

    public int? RiskMin { get; init; }

    public int? RiskMax { get; init; }

    public AssigneeFilter Assignee { get; init; }

    public string? Rule { get; init; }

    public string? Technique { get; init; }

    // Detected at or after From (UTC day start), before the day after To.
    public DateOnly? From { get; init; }

    public DateOnly? To { get; init; }

    public string? Text { get; init; }

    // What resolved alerts turned out to be, and who resolved them (an email): the SOC page's figures link here.
    public AlertDisposition? Disposition { get; init; }

    public string? ResolvedBy { get; init; }

    // The main entity (user, else host, else source address): what group=entity links to.
    public string? Entity { get; init; }

    public QueueSort Sort { get; init; }

    public QueueGrouping Group { get; init; }

    public QueueCursor? After { get; init; }

    public IReadOnlyList<string> Notes { get; init; } = [];

    public static readonly string[] Keys = ["status", "severity", "tenant", "risk", "assignee", "rule", "technique", "from", "to", "q", "disposition", "resolved-by", "entity", "sort", "group", "after"];

    public static string Readable(AlertStatus status) => Kebab(status.ToString());

    // For people: "Waiting on customer", not the enum's name.
    public static string Label(AlertStatus status) => Readable(status) is var kebab ? char.ToUpperInvariant(kebab[0]) + kebab[1..].Replace('-', ' ') : "";

    public static string Readable(AlertSeverity severity) => severity.ToString().ToLowerInvariant();

    public static string Readable<TEnum>(TEnum value)
        where TEnum : struct, Enum => Kebab(value.ToString());

    // tenantsInScope: the tenants the request may see, from which tenant=<slug> must come.
    public static QueueFilter Parse(IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> query, IReadOnlyList<TenantChoice> tenantsInScope)
    {
        var notes = new List<string>();
        var values = query.ToDictionary(kv => kv.Key.ToLowerInvariant(), kv => kv.Value.ToString().Trim(), StringComparer.Ordinal);
        string? Get(string key) => values.TryGetValue(key, out var v) && v.Length > 0 ? v : null;
        void Ignore(string key, string value, string why) => notes.Add($"Ignored {key}={Clip(value)}: {why}.");

        var filter = new QueueFilter();
        if (Get("status") is { } status)
        {
            if (status.Equals("open", StringComparison.OrdinalIgnoreCase))
            {
                filter = filter with { StatusScope = StatusScope.Open };
            }
            else if (status.Equals("all", StringComparison.OrdinalIgnoreCase))
            {
                filter = filter with { StatusScope = StatusScope.All };
            }
            else if (ParseEnum<AlertStatus>(status) is { } one)
            {
                filter = filter with { StatusScope = StatusScope.One, Status = one };
            }
            else
            {
                Ignore("status", status, "not one of open, all, " + string.Join(", ", Enum.GetValues<AlertStatus>().Select(Readable)));
            }
        }
        if (Get("severity") is { } severity)
        {
            filter = ParseEnum<AlertSeverity>(severity) is { } s
                ? filter with { Severity = s }
                : Note(filter, () => Ignore("severity", severity, "not one of low, medium, high, critical"));
        }
        if (Get("tenant") is { } tenant)
        {
            var choice = tenantsInScope.FirstOrDefault(t => string.Equals(t.Slug, tenant, StringComparison.OrdinalIgnoreCase));
            filter = choice is not null
                ? filter with { Tenant = choice }
                : Note(filter, () => Ignore("tenant", tenant, "no such tenant in your current scope"));
        }
        if (Get("risk") is { } risk)
        {
            var m = RiskPattern().Match(risk);
            if (m.Success && int.TryParse(m.Groups[1].Value, CultureInfo.InvariantCulture, out var min)
                && (m.Groups[2].Success ? int.TryParse(m.Groups[2].Value, CultureInfo.InvariantCulture, out var max) : (max = 100) == 100)
                && min is >= 0 and <= 100 && max is >= 0 and <= 100 && min <= max)
            {
                filter = filter with { RiskMin = min, RiskMax = max };
            }
            else
            {
                Ignore("risk", risk, "expected a range like 70-100 within 0-100");
            }
        }
        if (Get("assignee") is { } assignee)
        {
            filter = ParseEnum<AssigneeFilter>(assignee) is { } a
                ? filter with { Assignee = a }
                : Note(filter, () => Ignore("assignee", assignee, "not one of me, unassigned, anyone"));
        }
        if (Get("rule") is { } rule)
        {
            filter = rule.Length <= 100 ? filter with { Rule = rule } : Note(filter, () => Ignore("rule", rule, "too long"));
        }
        if (Get("technique") is { } technique)
        {
            filter = TechniquePattern().IsMatch(technique)
                ? filter with { Technique = technique.ToUpperInvariant() }
                : Note(filter, () => Ignore("technique", technique, "expected an ATT&CK id like T1110 or T1110.001"));
        }
        if (Get("from") is { } from)
        {
            filter = DateOnly.TryParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                ? filter with { From = d }
                : Note(filter, () => Ignore("from", from, "expected a date like 2026-11-01"));
        }
        if (Get("to") is { } to)
        {
            filter = DateOnly.TryParseExact(to, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                ? filter with { To = d }
                : Note(filter, () => Ignore("to", to, "expected a date like 2026-11-30"));
        }
        if (filter.From is { } f && filter.To is { } t && t < f)
        {
            notes.Add($"Ignored to={t:yyyy-MM-dd}: it is before from.");
            filter = filter with { To = null };
        }
        if (Get("q") is { } text)
        {
            filter = text.Length <= 200 ? filter with { Text = text } : Note(filter, () => Ignore("q", text, "longer than 200 characters"));
        }
        if (Get("disposition") is { } disposition)
        {
            filter = ParseEnum<AlertDisposition>(disposition) is { } d
                ? filter with { Disposition = d }
                : Note(filter, () => Ignore("disposition", disposition, "not one of true-positive, benign-true-positive, false-positive"));
        }
        if (Get("resolved-by") is { } resolvedBy)
        {
            filter = resolvedBy.Length <= 256 && resolvedBy.Contains('@', StringComparison.Ordinal)
                ? filter with { ResolvedBy = resolvedBy }
                : Note(filter, () => Ignore("resolved-by", resolvedBy, "expected the email of the person who resolved"));
        }
        if (Get("entity") is { } entity)
        {
            filter = entity.Length <= 256 ? filter with { Entity = entity } : Note(filter, () => Ignore("entity", entity, "too long"));
        }
        if (Get("sort") is { } sort)
        {
            filter = ParseEnum<QueueSort>(sort) is { } s
                ? filter with { Sort = s }
                : Note(filter, () => Ignore("sort", sort, "not one of risk, time, sla"));
        }
        if (Get("group") is { } group)
        {
            filter = ParseEnum<QueueGrouping>(group) is { } g and not QueueGrouping.None
                ? filter with { Group = g }
                : Note(filter, () => Ignore("group", group, "not one of rule, entity, tenant"));
        }
        if (Get("after") is { } after)
        {
            filter = QueueCursor.Parse(after) is { } c && c.Sort == filter.Sort
                ? filter with { After = c }
                : Note(filter, () => Ignore("after", after, "not a page of this sort; showing the first page"));
        }
        return filter with { Notes = notes };

        static QueueFilter Note(QueueFilter f, Action note)
        {
            note();
            return f;
        }
    }

    // The URL's query string for this filter (without '?'), only the values that differ from the defaults, in a
    // fixed order; `after` only when asked, since a saved view or a group link starts at the first page.
    public string ToQuery(bool withCursor = false)
    {
        var parts = new List<KeyValuePair<string, string?>>();
        void Add(string key, string? value)
        {
            if (value is not null)
            {
                parts.Add(new(key, value));
            }
        }
        Add("status", StatusScope switch
        {
            StatusScope.All => "all",
            StatusScope.One => Readable(Status!.Value),
            _ => null,
        });
        Add("severity", Severity is { } s ? Readable(s) : null);
        Add("tenant", Tenant?.Slug);
        Add("risk", RiskMin is { } min ? $"{min.ToString(CultureInfo.InvariantCulture)}-{(RiskMax ?? 100).ToString(CultureInfo.InvariantCulture)}" : null);
        Add("assignee", Assignee == AssigneeFilter.Anyone ? null : Readable(Assignee));
        Add("rule", Rule);
        Add("technique", Technique);
        Add("from", From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("to", To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("q", Text);
        Add("disposition", Disposition is { } disp ? Readable(disp) : null);
        Add("resolved-by", ResolvedBy);
        Add("entity", Entity);
        Add("sort", Sort == QueueSort.Risk ? null : Readable(Sort));
        Add("group", Group == QueueGrouping.None ? null : Readable(Group));
        Add("after", withCursor ? After?.ToString() : null);
        return QueryString.Create(parts).ToUriComponent().TrimStart('?');
    }

    public string Url(bool withCursor = false) => ToQuery(withCursor) is { Length: > 0 } q ? "/Alerts?" + q : "/Alerts?status=open";

    // A filter as a flat string for a form field, and back: the bulk route takes the filter the analyst confirmed.
    public static QueueFilter FromQuery(string query, IReadOnlyList<TenantChoice> tenantsInScope) =>
        Parse(QueryHelpers.ParseQuery(query.StartsWith('?') ? query : "?" + query), tenantsInScope);

    private static TEnum? ParseEnum<TEnum>(string text)
        where TEnum : struct, Enum
    {
        var compact = text.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);
        // Names only: "3" or "1e2" would otherwise parse as a number.
        return compact.All(char.IsLetter) && Enum.TryParse<TEnum>(compact, ignoreCase: true, out var value) && Enum.IsDefined(value) ? value : null;
    }

    private static string Kebab(string name)
    {
        var sb = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                sb.Append('-');
            }
            sb.Append(char.ToLowerInvariant(name[i]));
        }
        return sb.ToString();
    }

    private static string Clip(string value) => value.Length > 40 ? value[..40] + "…" : value;

    [GeneratedRegex(@"^(\d{1,3})(?:-(\d{1,3}))?$")]
    private static partial Regex RiskPattern();

    [GeneratedRegex(@"^[Tt]\d{4}(\.\d{3})?$")]
    private static partial Regex TechniquePattern();
}

// Where the next page starts: the last row's sort key and id. Opaque in the URL (base64url) so nobody builds one by
// hand; a cursor of another sort is ignored rather than misread. A null key is the SLA sort's tail (no deadline).
public sealed record QueueCursor(QueueSort Sort, long? Key, long Id)
{
    public override string ToString() =>
        Base64UrlTextEncoder.Encode(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{(int)Sort}:{Key}:{Id}")));

    public static QueueCursor? Parse(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > 100)
        {
            return null;
        }
        try
        {
            var parts = Encoding.UTF8.GetString(Base64UrlTextEncoder.Decode(text)).Split(':');
            if (parts is not [var s, var k, var i]
                || !int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || !Enum.IsDefined((QueueSort)number)
                || !long.TryParse(i, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                return null;
            }
            var sort = (QueueSort)number;
            if (k.Length == 0)
            {
                return sort == QueueSort.Sla ? new QueueCursor(sort, null, id) : null;
            }
            return long.TryParse(k, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var key) && ValidKey(sort, key)
                ? new QueueCursor(sort, key, id)
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static bool ValidKey(QueueSort sort, long key) => sort switch
    {
        QueueSort.Risk => key is >= 0 and <= 100,
        _ => key >= DateTimeOffset.MinValue.UtcTicks && key <= DateTimeOffset.MaxValue.UtcTicks,
    };
}
