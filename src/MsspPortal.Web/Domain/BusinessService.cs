namespace MsspPortal.Web.Domain;

// A service the customer earns money with (checkout, card authorisation): the unit the business speaks in. Assets
// belong to one, so its revenue and downtime cost are counted once however many assets carry it. Amounts are in the
// tenant's currency.
public sealed class BusinessService : ITenantOwned
{
    public long Id { get; set; }

    public Guid TenantId { get; set; }

    public string Name { get; set; } = "";

    public string? Description { get; set; }

    // Revenue the service brings in per hour of business hours.
    public decimal RevenuePerHour { get; set; }

    // Loss per hour of outage (lost revenue, penalties, recovery): feeds scoring and the value report.
    public decimal DowntimeCostPerHour { get; set; }

    // Start of business hours, in the tenant's time zone.
    public TimeOnly BusinessHoursStart { get; set; } = new(0, 0);

    // End of business hours, in the tenant's time zone; equal to the start for a service open around the clock.
    public TimeOnly BusinessHoursEnd { get; set; } = new(0, 0);

    public BusinessDays BusinessDays { get; set; } = BusinessDays.All;
}

[Flags]
public enum BusinessDays
{
    None = 0,
    Monday = 1,
    Tuesday = 2,
    Wednesday = 4,
    Thursday = 8,
    Friday = 16,
    Saturday = 32,
    Sunday = 64,
    Weekdays = Monday | Tuesday | Wednesday | Thursday | Friday,
    All = Weekdays | Saturday | Sunday,
}
