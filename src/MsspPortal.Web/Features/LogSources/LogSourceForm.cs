using System.Net;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Core.Events;

namespace MsspPortal.Web.Features.LogSources;

public abstract record LogSourceForm
{
    public string Name { get; init; } = "";

    public string Vendor { get; init; } = "";

    public string Product { get; init; } = "";

    public LogFormat ExpectedFormat { get; init; } = LogFormat.Auto;

    public string? SourceAddresses { get; init; }

    // The devices' IANA zone for timestamps that carry none; empty means the tenant's.
    public string? TimeZone { get; init; }

    public long? AssetId { get; init; }
}

internal static class LogSourceFormRules
{
    public static void Apply<T>(AbstractValidator<T> validator)
        where T : LogSourceForm
    {
        validator.RuleFor(f => f.Name).NotEmpty().MaximumLength(200);
        validator.RuleFor(f => f.Vendor).NotEmpty().MaximumLength(100);
        validator.RuleFor(f => f.Product).NotEmpty().MaximumLength(100);
        validator.RuleFor(f => f.ExpectedFormat).IsInEnum();
        validator.RuleFor(f => f.SourceAddresses).MaximumLength(1000)
            .Must(BeAddresses).WithMessage("List IP addresses separated by commas (e.g. 10.0.0.1, 10.0.0.2).");
        validator.RuleFor(f => f.TimeZone).MaximumLength(64)
            .Must(z => string.IsNullOrWhiteSpace(z) || TimeZoneInfo.TryFindSystemTimeZoneById(z.Trim(), out _))
            .WithMessage("Give an IANA time zone (e.g. Europe/Berlin, UTC), or leave it empty for the tenant's.");
    }

    // A syslog sender maps to one log source: two claims on one address were accepted silently, and the older
    // source took every line, so the other tenant's device seemed dead. Checked across tenants, naming neither the
    // other source nor its tenant.
    public static void ApplyUniqueSenders<T>(AbstractValidator<T> validator, PortalDbContext db, Func<T, long> ownId)
        where T : LogSourceForm
    {
        validator.RuleFor(f => f.SourceAddresses).CustomAsync(async (addresses, context, cancellationToken) =>
        {
            var wanted = Addresses(addresses);
            if (wanted.Count == 0)
            {
                return;
            }
            var id = ownId(context.InstanceToValidate);
            // Other tenants' claims are what collide; only their addresses are read, never shown.
            var claimed = await db.LogSources.IgnoreQueryFilters([PortalDbContext.TenantFilter]).AsNoTracking()
                .Where(s => s.Id != id && s.SourceAddresses != "")
                .Select(s => s.SourceAddresses).ToListAsync(cancellationToken);
            var taken = claimed.SelectMany(Addresses).ToHashSet();
            var conflicts = wanted.Where(taken.Contains).ToList();
            if (conflicts.Count > 0)
            {
                context.AddFailure(nameof(LogSourceForm.SourceAddresses),
                    $"{string.Join(", ", conflicts)} already belong{(conflicts.Count == 1 ? "s" : "")} to another log source (of this or another tenant): " +
                    "a syslog sender address can belong to one log source only. Remove it there first, or use another address.");
            }
        });
    }

    private static HashSet<string> Addresses(string? addresses) =>
        [.. Normalise(addresses).Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(a => IPAddress.TryParse(a, out var ip) ? ip.ToString() : null).OfType<string>()];

    public static string Normalise(string? addresses) =>
        string.Join(",", (addresses ?? "").Split([',', ' ', ';', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    public static string? NormaliseZone(string? zone) => string.IsNullOrWhiteSpace(zone) ? null : zone.Trim();

    private static bool BeAddresses(string? addresses) =>
        Normalise(addresses).Split(',', StringSplitOptions.RemoveEmptyEntries).All(a => IPAddress.TryParse(a, out _));
}
