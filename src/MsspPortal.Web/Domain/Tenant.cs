namespace MsspPortal.Web.Domain;

public sealed class Tenant
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public string Name { get; set; } = "";

    // URL-safe, unique, lower-case: used on the command line and in links.
    public string Slug { get; set; } = "";

    public Industry Industry { get; set; }

    public ServiceTier Tier { get; set; }

    // IANA zone id: reports, SLA business hours and zone-less syslog stamps use it.
    public string TimeZone { get; set; } = "UTC";

    // ISO 4217 code for every amount shown to this tenant.
    public string Currency { get; set; } = "EUR";

    public bool IsActive { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }
}

public enum Industry
{
    ECommerce,
    Finance,
    Saas,
    Manufacturing,
    Healthcare,
    Other,
}

public enum ServiceTier
{
    // The light package for small companies.
    Essentials,
    Professional,
    FullStewardship,
}
