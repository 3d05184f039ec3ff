using MsspPortal.Core.Events;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Infrastructure.Demo;

internal sealed record DemoAsset(AssetKind Kind, string Name, string Identifiers, int Criticality, string Service, decimal DowntimeCostPerHour);

internal sealed record DemoSource(string Name, string Vendor, string Product, LogFormat Format, string Addresses, string AssetName);

internal sealed record DemoScenario(string RuleId, string Title, AlertSeverity Severity, int BaseRisk, string Techniques, bool WithUser, int MaxEvents);

internal sealed record DemoTenant(
    string Name, string Slug, Industry Industry, ServiceTier Tier, string TimeZone, string Currency, decimal BaseMonthlyFee,
    string BusinessOwner, string Charter, IReadOnlyList<DemoAsset> Assets, IReadOnlyList<DemoSource> Sources,
    IReadOnlyList<DemoScenario> Scenarios, IReadOnlyList<string> Users);

/// <summary>The reference customers: a big e-commerce shop, a commercial bank, a cross-border SaaS company.</summary>
internal static class DemoTenants
{
    private static readonly DemoScenario BruteForce = new("builtin-brute-force", "Brute force against login", AlertSeverity.Medium, 47, "T1110", true, 400);
    private static readonly DemoScenario PortScan = new("builtin-port-scan", "Port scan from external address", AlertSeverity.Low, 25, "T1046", false, 900);
    private static readonly DemoScenario NewCountry = new("builtin-new-country-login", "Login from a country never seen for this user", AlertSeverity.High, 63, "T1078", true, 1);
    private static readonly DemoScenario BadIndicator = new("builtin-ioc-contact", "Contact with known-bad address", AlertSeverity.High, 70, "T1071", false, 12);
    private static readonly DemoScenario IdsSignature = new("builtin-ids-passthrough", "IDS signature: exploit attempt", AlertSeverity.Medium, 50, "T1190", false, 20);

    public static IReadOnlyList<DemoTenant> All { get; } =
    [
        new("Northwind Shop", "northwind-shop", Industry.ECommerce, ServiceTier.FullStewardship, "Europe/Berlin", "EUR", 18_000m,
            "Nora Owner", "Keep checkout available through every sales promotion.",
            [
                new(AssetKind.BusinessService, "Checkout", "10.10.1.10,checkout.northwind.example", 5, "Checkout", 42_000m),
                new(AssetKind.Application, "Storefront web", "10.10.1.20,www.northwind.example", 4, "Storefront", 18_000m),
                new(AssetKind.Host, "Payments gateway", "10.10.2.5,pay-gw-01", 5, "Checkout", 42_000m),
                new(AssetKind.NetworkDevice, "Edge firewall", "10.10.0.1,fw-edge-01", 4, "Storefront", 18_000m),
                new(AssetKind.Host, "Warehouse ERP", "10.10.3.8,erp-01", 3, "Fulfilment", 6_500m),
            ],
            [
                new("fw-edge-01", "Palo Alto Networks", "PAN-OS", LogFormat.Rfc3164, "10.10.0.1", "Edge firewall"),
                new("waf-storefront", "Imperva", "SecureSphere WAF", LogFormat.Cef, "10.10.0.9", "Storefront web"),
                new("shop-orders", "Northwind", "Order service", LogFormat.Json, "", "Checkout"),
            ],
            [BruteForce, PortScan, IdsSignature,
             new("builtin-order-flood", "One address placing many orders", AlertSeverity.High, 60, "T1499", false, 300),
             new("builtin-ddos", "Volumetric DDoS against Checkout", AlertSeverity.Critical, 80, "T1498", false, 5000)],
            ["j.meyer", "customer-care", "ops-admin", "s.bauer"]),
        new("Harbor Bank", "harbor-bank", Industry.Finance, ServiceTier.Professional, "America/New_York", "USD", 24_000m,
            "Henry Banks", "Card fraud and account takeover are the board's top two risks.",
            [
                new(AssetKind.BusinessService, "Card authorisation", "172.16.5.10,cardauth.harbor.example", 5, "Cards", 95_000m),
                new(AssetKind.Application, "Online banking", "172.16.6.20,online.harbor.example", 5, "Online banking", 60_000m),
                new(AssetKind.Host, "Core banking DB", "172.16.9.4,corebank-db-01", 5, "Core banking", 120_000m),
                new(AssetKind.NetworkDevice, "ASA perimeter", "172.16.0.1,asa-01", 4, "Online banking", 60_000m),
            ],
            [
                new("asa-01", "Cisco", "ASA", LogFormat.Rfc3164, "172.16.0.1", "ASA perimeter"),
                new("suricata-dmz", "OISF", "Suricata", LogFormat.Json, "172.16.0.7", "Online banking"),
                new("card-switch", "Harbor", "Card switch", LogFormat.Json, "", "Card authorisation"),
            ],
            [BruteForce, NewCountry, BadIndicator, IdsSignature,
             new("builtin-card-testing", "Card-testing velocity", AlertSeverity.High, 66, "T1499", false, 250),
             new("builtin-password-spray", "Password spraying", AlertSeverity.High, 58, "T1110.003", false, 120)],
            ["teller.ops", "h.banks", "svc-payments", "a.ng"]),
        new("Orbit SaaS", "orbit-saas", Industry.Saas, ServiceTier.Essentials, "Europe/Dublin", "EUR", 6_500m,
            "Owen Orbit", "GDPR and CCPA: know within 72 hours whether personal data left the platform.",
            [
                new(AssetKind.Application, "Orbit app", "192.168.20.10,app.orbit.example", 4, "Platform", 22_000m),
                new(AssetKind.Host, "Customer data store", "192.168.20.30,pg-main", 5, "Platform", 22_000m),
                new(AssetKind.Host, "Bastion", "192.168.20.2,bastion-01", 3, "Operations", 1_500m),
            ],
            [
                new("bastion-auth", "OpenBSD", "OpenSSH", LogFormat.Auto, "192.168.20.2", "Bastion"),
                new("okta", "Okta", "System Log", LogFormat.Json, "", "Orbit app"),
                new("qradar-forward", "Trend Micro", "Deep Security", LogFormat.Leef, "192.168.20.5", "Customer data store"),
            ],
            [BruteForce, NewCountry, PortScan, BadIndicator],
            ["o.orbit", "deploy-bot", "m.keane", "support-lead"]),
    ];
}
