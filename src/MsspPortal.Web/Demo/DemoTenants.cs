using MsspPortal.Core.Events;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Demo;

internal sealed record DemoService(string Name, string Description, decimal RevenuePerHour, decimal DowntimeCostPerHour,
    TimeOnly Start, TimeOnly End, BusinessDays Days);

internal sealed record DemoAsset(AssetKind Kind, string Name, string Identifiers, int Criticality, string Service);

internal sealed record DemoSource(string Name, string Vendor, string Product, LogFormat Format, string Addresses, string AssetName);

// The contract's billing terms: base fee per period, and the share of revenue growth above a threshold (Marginal or Cliff).
internal sealed record DemoBilling(BillingPeriod Period, decimal BaseFee, decimal SharePercent, decimal ThresholdPercent, RevenueShareReading Reading,
    decimal? ShareCap);

internal sealed record DemoTenant(
    string Name, string Slug, Industry Industry, ServiceTier Tier, string TimeZone, string Currency, DemoBilling Billing,
    string BusinessOwner, string Charter, IReadOnlyList<DemoService> Services, IReadOnlyList<DemoAsset> Assets, IReadOnlyList<DemoSource> Sources);

// The reference customers: a big e-commerce shop, a commercial bank, a cross-border SaaS company. What happens to
// them over six months is in DemoLogs; here is only what they own.
internal static class DemoTenants
{
    private static readonly TimeOnly Midnight = new(0, 0);

    public static IReadOnlyList<DemoTenant> All { get; } =
    [
        new("Northwind Shop", "northwind-shop", Industry.ECommerce, ServiceTier.FullStewardship, "Europe/Berlin", "EUR",
            new(BillingPeriod.Yearly, 1_000_000m, 5m, 10m, RevenueShareReading.Marginal, 500_000m),
            "Nora Owner", "Keep checkout available through every sales promotion.",
            [
                new("Checkout", "Basket, payment and order confirmation: every sale passes here.", 38_000m, 42_000m, Midnight, Midnight, BusinessDays.All),
                new("Storefront", "Catalogue, search and product pages.", 0m, 18_000m, Midnight, Midnight, BusinessDays.All),
                new("Fulfilment", "Warehouse picking and shipping.", 0m, 6_500m, new(6, 0), new(22, 0), BusinessDays.Weekdays | BusinessDays.Saturday),
            ],
            [
                new(AssetKind.Application, "Checkout service", "10.10.1.10,checkout.northwind.example", 5, "Checkout"),
                new(AssetKind.Application, "Storefront web", "10.10.1.20,www.northwind.example", 4, "Storefront"),
                new(AssetKind.Host, "Payments gateway", "10.10.2.5,pay-gw-01", 5, "Checkout"),
                new(AssetKind.NetworkDevice, "Edge firewall", "10.10.0.1,fw-edge-01", 4, "Storefront"),
                new(AssetKind.Host, "Warehouse ERP", "10.10.3.8,erp-01", 3, "Fulfilment"),
            ],
            [
                new("fw-edge-01", "Palo Alto Networks", "PAN-OS", LogFormat.Rfc3164, "10.10.0.1", "Edge firewall"),
                new("waf-storefront", "Imperva", "SecureSphere WAF", LogFormat.Cef, "10.10.0.9", "Storefront web"),
                new("shop-orders", "Northwind", "Order service", LogFormat.Json, "", "Checkout service"),
            ]),
        new("Harbor Bank", "harbor-bank", Industry.Finance, ServiceTier.Professional, "America/New_York", "USD",
            new(BillingPeriod.Quarterly, 300_000m, 5m, 10m, RevenueShareReading.Cliff, 400_000m),
            "Henry Banks", "Card fraud and account takeover are the board's top two risks.",
            [
                new("Cards", "Card authorisation for debit and credit cards.", 55_000m, 95_000m, Midnight, Midnight, BusinessDays.All),
                new("Online banking", "Web and mobile banking for retail customers.", 20_000m, 60_000m, Midnight, Midnight, BusinessDays.All),
                new("Core banking", "Accounts and ledger.", 0m, 120_000m, Midnight, Midnight, BusinessDays.All),
            ],
            [
                new(AssetKind.Application, "Card authorisation", "172.16.5.10,cardauth.harbor.example", 5, "Cards"),
                new(AssetKind.Application, "Online banking", "172.16.6.20,online.harbor.example", 5, "Online banking"),
                new(AssetKind.Host, "Core banking DB", "172.16.9.4,corebank-db-01", 5, "Core banking"),
                new(AssetKind.NetworkDevice, "ASA perimeter", "172.16.0.1,asa-01", 4, "Online banking"),
            ],
            [
                new("asa-01", "Cisco", "ASA", LogFormat.Rfc3164, "172.16.0.1", "ASA perimeter"),
                new("suricata-dmz", "OISF", "Suricata", LogFormat.Json, "172.16.0.7", "Online banking"),
                new("card-switch", "Harbor", "Card switch", LogFormat.Json, "", "Card authorisation"),
                new("online-banking", "Harbor", "Online banking sign-in", LogFormat.Json, "", "Online banking"),
            ]),
        new("Orbit SaaS", "orbit-saas", Industry.Saas, ServiceTier.Essentials, "Europe/Dublin", "EUR",
            new(BillingPeriod.Monthly, 6_500m, 3m, 10m, RevenueShareReading.Marginal, 5_000m),
            "Owen Orbit", "GDPR and CCPA: know within 72 hours whether personal data left the platform.",
            [
                new("Platform", "The Orbit application and its customer data.", 9_000m, 22_000m, Midnight, Midnight, BusinessDays.All),
                new("Operations", "Administrative access to production.", 0m, 1_500m, new(8, 0), new(19, 0), BusinessDays.Weekdays),
            ],
            [
                new(AssetKind.Application, "Orbit app", "192.168.20.10,app.orbit.example", 4, "Platform"),
                new(AssetKind.Host, "Customer data store", "192.168.20.30,pg-main", 5, "Platform"),
                new(AssetKind.Host, "Bastion", "192.168.20.2,bastion-01", 3, "Operations"),
            ],
            [
                new("bastion-auth", "OpenBSD", "OpenSSH", LogFormat.Auto, "192.168.20.2", "Bastion"),
                new("okta", "Okta", "System Log", LogFormat.Json, "", "Orbit app"),
                new("qradar-forward", "Trend Micro", "Deep Security", LogFormat.Leef, "192.168.20.5", "Customer data store"),
            ]),
    ];
}
