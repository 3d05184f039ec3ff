namespace MsspPortal.Web.Domain;

// A named queue filter (the query string of /Alerts) an analyst keeps. Not tenant-owned: it belongs to its owner and
// holds only readable filter values; the tenant filter still applies to the alerts it lists, so a shared view that
// names a tenant another analyst may not see shows them nothing of it.
public sealed class SavedView
{
    private SavedView()
    {
    }

    public long Id { get; private set; }

    public string OwnerId { get; private set; } = "";

    public string Name { get; private set; } = "";

    // The query string without "?" (status=new&severity=critical), as the queue writes it.
    public string Query { get; private set; } = "";

    // Shared views are listed for everyone who reads the queue; private ones for their owner only.
    public bool Shared { get; private set; }

    // The owner's view opened on /Alerts without parameters; at most one per owner.
    public bool IsDefault { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static SavedView Create(string ownerId, string name, string query, bool shared, DateTimeOffset at) =>
        new() { OwnerId = ownerId, Name = name.Trim(), Query = query, Shared = shared, CreatedAt = at };

    public void MakeDefault(bool isDefault) => IsDefault = isDefault;
}
