namespace MsspPortal.Web.Features.Committee;

// What a committee command did: not found (another tenant's row, or none), refused with the field and the reason (the
// form is shown again with what was typed), or done (with the row's id).
public sealed record CommitteeChange(bool Found, long? Id, string? Field = null, string? Error = null)
{
    public static CommitteeChange NotFound { get; } = new(false, null);

    public static CommitteeChange Done(long id) => new(true, id);

    public static CommitteeChange Refused(string field, string error) => new(true, null, field, error);

    public bool Succeeded => Found && Error is null;
}
