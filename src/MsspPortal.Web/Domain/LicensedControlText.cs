namespace MsspPortal.Web.Domain;

// A control's text from the tenant's own licensed copy of an ids-only framework (PCI DSS, ISO/IEC 27001, GB/T 22239):
// imported by the tenant, shown only to the tenant (the tenant filter), never shipped.
public sealed class LicensedControlText : ITenantOwned
{
    public const int MaxTextLength = 8000;

    private LicensedControlText()
    {
    }

    public long Id { get; private set; }

    public Guid TenantId { get; private set; }

    public string FrameworkId { get; private set; } = "";

    public string ControlId { get; private set; } = "";

    public string Text { get; private set; } = "";

    public DateTimeOffset ImportedAt { get; private set; }

    public string? ImportedBy { get; private set; }

    public static LicensedControlText Import(Guid tenantId, string frameworkId, string controlId, string text, string? by, DateTimeOffset at) =>
        new() { TenantId = tenantId, FrameworkId = frameworkId, ControlId = controlId, Text = text, ImportedBy = by, ImportedAt = at };

    public void Replace(string text, string? by, DateTimeOffset at) => (Text, ImportedBy, ImportedAt) = (text, by, at);
}
