using System.Net;
using FluentValidation;
using MsspPortal.Core.Events;

namespace MsspPortal.Web.Features.LogSources;

public abstract record LogSourceForm
{
    public string Name { get; init; } = "";

    public string Vendor { get; init; } = "";

    public string Product { get; init; } = "";

    public LogFormat ExpectedFormat { get; init; } = LogFormat.Auto;

    public string? SourceAddresses { get; init; }

    /// <summary>The devices' IANA zone for timestamps that carry none; empty means the tenant's.</summary>
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

    public static string Normalise(string? addresses) =>
        string.Join(",", (addresses ?? "").Split([',', ' ', ';', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    public static string? NormaliseZone(string? zone) => string.IsNullOrWhiteSpace(zone) ? null : zone.Trim();

    private static bool BeAddresses(string? addresses) =>
        Normalise(addresses).Split(',', StringSplitOptions.RemoveEmptyEntries).All(a => IPAddress.TryParse(a, out _));
}
