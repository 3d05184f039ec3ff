using System.Text;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Features.Compliance.Frameworks.Catalogs;
using MsspPortal.Web.Infrastructure.Audit;
using MsspPortal.Web.Infrastructure.Auth;

namespace MsspPortal.Web.Features.Compliance.Frameworks;

// What a change did: not found (outside the caller's reach), refused with a reason for a field, or done.
public sealed record ComplianceChange(bool Found, string? Error = null, string? Field = null, long? Id = null)
{
    public bool Succeeded => Found && Error is null;

    public static readonly ComplianceChange NotFound = new(false);
}

// A framework applies to a tenant from a date (or its date and scope note change). MSSP staff (ManageDetection).
public sealed record ApplyFramework(string Tenant, string FrameworkId, DateOnly AppliesSince, string? ScopeNote) : ICommand<ComplianceChange>;

public sealed class ApplyFrameworkValidator : AbstractValidator<ApplyFramework>
{
    public ApplyFrameworkValidator()
    {
        RuleFor(c => c.Tenant).NotEmpty();
        RuleFor(c => c.FrameworkId).NotEmpty().MaximumLength(64);
        RuleFor(c => c.ScopeNote).MaximumLength(TenantFramework.MaxScopeNoteLength);
    }
}

internal sealed class ApplyFrameworkHandler(PortalDbContext db, FrameworkCatalog catalog, TimeProvider clock, ICurrentUser user, AuditLog audit)
    : ICommandHandler<ApplyFramework, ComplianceChange>
{
    public async ValueTask<ComplianceChange> Handle(ApplyFramework command, CancellationToken cancellationToken)
    {
        if (await ComplianceTenant.FindAsync(db, command.Tenant, cancellationToken) is not { } tenant)
        {
            return ComplianceChange.NotFound;
        }
        if (catalog.Find(command.FrameworkId) is not { } framework)
        {
            return new(true, "Choose a framework the portal ships.", nameof(command.FrameworkId));
        }
        var existing = await db.TenantFrameworks.FirstOrDefaultAsync(f => f.TenantId == tenant.Id && f.FrameworkId == framework.Id, cancellationToken);
        if (existing is null)
        {
            existing = TenantFramework.Apply(tenant.Id, framework.Id, command.AppliesSince, command.ScopeNote ?? "", user.Id, clock.GetUtcNow());
            db.TenantFrameworks.Add(existing);
        }
        else
        {
            existing.Change(command.AppliesSince, command.ScopeNote ?? "", user.Id, clock.GetUtcNow());
        }
        audit.Record(tenant.Id, "compliance.framework-applied", nameof(TenantFramework), framework.Id);
        await db.SaveChangesAsync(cancellationToken);
        return new(true, Id: existing.Id);
    }
}

// A control's owner, review date and applicability. MSSP staff (ManageDetection).
public sealed record SetControlAssessment(string Tenant, string FrameworkId, string ControlId, string? Owner, DateOnly? ReviewDue, string? NotApplicableReason)
    : ICommand<ComplianceChange>;

public sealed class SetControlAssessmentValidator : AbstractValidator<SetControlAssessment>
{
    public SetControlAssessmentValidator()
    {
        RuleFor(c => c.Owner).MaximumLength(ControlAssessment.MaxOwnerLength);
        RuleFor(c => c.NotApplicableReason).MaximumLength(ControlAssessment.MaxReasonLength);
    }
}

internal sealed class SetControlAssessmentHandler(PortalDbContext db, FrameworkCatalog catalog, TimeProvider clock, ICurrentUser user, AuditLog audit)
    : ICommandHandler<SetControlAssessment, ComplianceChange>
{
    public async ValueTask<ComplianceChange> Handle(SetControlAssessment command, CancellationToken cancellationToken)
    {
        if (await ControlTarget.FindAsync(db, catalog, command.Tenant, command.FrameworkId, command.ControlId, cancellationToken) is not var (tenant, controlId))
        {
            return ComplianceChange.NotFound;
        }
        var assessment = await db.ControlAssessments.FirstOrDefaultAsync(a => a.TenantId == tenant.Id && a.FrameworkId == command.FrameworkId && a.ControlId == controlId, cancellationToken);
        if (assessment is null)
        {
            assessment = ControlAssessment.For(tenant.Id, command.FrameworkId, controlId);
            db.ControlAssessments.Add(assessment);
        }
        assessment.Change(command.Owner, command.ReviewDue, command.NotApplicableReason, user.Id, clock.GetUtcNow());
        audit.Record(tenant.Id, "compliance.control-set", nameof(ControlAssessment), $"{command.FrameworkId}/{controlId}");
        await db.SaveChangesAsync(cancellationToken);
        return new(true);
    }
}

// Manual evidence: an attestation (text) or an upload (a file up to 5 MB), with its owner and review date. Uploads
// are MSSP staff's (ManageDetection); the tenant's business owner may attest (AcknowledgeValueReports).
public sealed record AddManualEvidence(string Tenant, string FrameworkId, string ControlId, ManualEvidenceKind Kind, string Title, string? Text, string Owner,
    DateOnly? ReviewDue, string? FileName = null, string? ContentType = null, byte[]? Content = null) : ICommand<ComplianceChange>;

public sealed class AddManualEvidenceValidator : AbstractValidator<AddManualEvidence>
{
    public AddManualEvidenceValidator()
    {
        RuleFor(c => c.Kind).IsInEnum();
        RuleFor(c => c.Title).NotEmpty().WithMessage("Give the evidence a title.").MaximumLength(ManualEvidence.MaxTitleLength);
        RuleFor(c => c.Owner).NotEmpty().WithMessage("Name the person who answers for it.").MaximumLength(ControlAssessment.MaxOwnerLength);
        RuleFor(c => c.ReviewDue).NotNull().WithMessage("Give the date it must be reviewed by.");
        RuleFor(c => c.Text).NotEmpty().WithMessage("Write what is attested.").MaximumLength(ManualEvidence.MaxTextLength)
            .When(c => c.Kind == ManualEvidenceKind.Attestation);
        RuleFor(c => c.Content).NotEmpty().WithMessage("Choose a file.").When(c => c.Kind == ManualEvidenceKind.Upload);
        RuleFor(c => c.Content!.Length).LessThanOrEqualTo(ManualEvidence.MaxBytes).WithName("File")
            .WithMessage("An evidence file is at most 5 MB.").When(c => c.Kind == ManualEvidenceKind.Upload && c.Content is not null);
    }
}

internal sealed class AddManualEvidenceHandler(PortalDbContext db, FrameworkCatalog catalog, TimeProvider clock, ICurrentUser user, AuditLog audit)
    : ICommandHandler<AddManualEvidence, ComplianceChange>
{
    public async ValueTask<ComplianceChange> Handle(AddManualEvidence command, CancellationToken cancellationToken)
    {
        if (await ControlTarget.FindAsync(db, catalog, command.Tenant, command.FrameworkId, command.ControlId, cancellationToken) is not var (tenant, controlId))
        {
            return ComplianceChange.NotFound;
        }
        var now = clock.GetUtcNow();
        var evidence = command.Kind == ManualEvidenceKind.Upload
            ? ManualEvidence.Upload(tenant.Id, command.FrameworkId, controlId, command.Title, command.FileName ?? "evidence", command.ContentType ?? "application/octet-stream",
                command.Content!, command.Owner, command.ReviewDue!.Value, user.Id, now)
            : ManualEvidence.Attest(tenant.Id, command.FrameworkId, controlId, command.Title, command.Text!, command.Owner, command.ReviewDue!.Value, user.Id, now);
        db.ManualEvidence.Add(evidence);
        await db.SaveChangesAsync(cancellationToken);
        audit.Record(tenant.Id, "compliance.evidence-added", nameof(ManualEvidence), evidence.Id);
        await db.SaveChangesAsync(cancellationToken);
        return new(true, Id: evidence.Id);
    }
}

// The tenant's licensed copy of an ids-only framework's texts, as CSV "id,text" (a header row is allowed; quoted text
// may hold commas and doubled quotes). Stored per tenant, shown only to it. The business owner (AcknowledgeValueReports).
public sealed record ImportLicensedText(string Tenant, string FrameworkId, byte[] Csv) : ICommand<LicensedTextImported>;

public sealed record LicensedTextImported(bool Found, int Imported, IReadOnlyList<string> Skipped, string? Error = null);

internal sealed class ImportLicensedTextHandler(PortalDbContext db, FrameworkCatalog catalog, TimeProvider clock, ICurrentUser user, AuditLog audit)
    : ICommandHandler<ImportLicensedText, LicensedTextImported>
{
    public const int MaxBytes = 2 * 1024 * 1024;

    public async ValueTask<LicensedTextImported> Handle(ImportLicensedText command, CancellationToken cancellationToken)
    {
        if (await ComplianceTenant.FindAsync(db, command.Tenant, cancellationToken) is not { } tenant || catalog.Find(command.FrameworkId) is not { } framework)
        {
            return new(false, 0, []);
        }
        if (framework.Text != FrameworkText.IdsOnly)
        {
            return new(true, 0, [], "This framework ships with its text; there is nothing to import.");
        }
        if (command.Csv.Length is 0 or > MaxBytes)
        {
            return new(true, 0, [], "Choose a CSV file of at most 2 MB.");
        }
        var ids = framework.Controls.ToDictionary(c => c.Id, c => c.Id, StringComparer.OrdinalIgnoreCase);
        var existing = (await db.LicensedControlTexts.Where(t => t.TenantId == tenant.Id && t.FrameworkId == framework.Id).ToListAsync(cancellationToken))
            .ToDictionary(t => t.ControlId, StringComparer.OrdinalIgnoreCase);
        var now = clock.GetUtcNow();
        var (imported, skipped) = (0, new List<string>());
        foreach (var (id, text) in Csv.Rows(Encoding.UTF8.GetString(command.Csv)))
        {
            if (!ids.TryGetValue(id, out var controlId))
            {
                if (!string.Equals(id, "id", StringComparison.OrdinalIgnoreCase))
                {
                    skipped.Add($"{id}: not a control of {framework.Title}");
                }
                continue;
            }
            var clipped = text.Length > LicensedControlText.MaxTextLength ? text[..LicensedControlText.MaxTextLength] : text;
            if (existing.TryGetValue(controlId, out var row))
            {
                row.Replace(clipped, user.Id, now);
            }
            else
            {
                row = LicensedControlText.Import(tenant.Id, framework.Id, controlId, clipped, user.Id, now);
                db.LicensedControlTexts.Add(row);
                existing[controlId] = row;
            }
            imported++;
        }
        audit.Record(tenant.Id, "compliance.licensed-text-imported", nameof(LicensedControlText), framework.Id);
        await db.SaveChangesAsync(cancellationToken);
        return new(true, imported, skipped);
    }
}

internal static class ControlTarget
{
    public static async Task<(Tenant Tenant, string ControlId)?> FindAsync(PortalDbContext db, FrameworkCatalog catalog, string tenantSlug, string frameworkId,
        string controlId, CancellationToken cancellationToken)
    {
        if (await ComplianceTenant.FindAsync(db, tenantSlug, cancellationToken) is not { } tenant || catalog.Find(frameworkId) is not { } framework
            || framework.Controls.FirstOrDefault(c => string.Equals(c.Id, controlId, StringComparison.OrdinalIgnoreCase)) is not { } control
            || !await db.TenantFrameworks.AnyAsync(f => f.TenantId == tenant.Id && f.FrameworkId == framework.Id, cancellationToken))
        {
            return null;
        }
        return (tenant, control.Id);
    }
}

// A small RFC 4180 reader: two columns, quotes around a field that holds commas, quotes or line breaks.
internal static class Csv
{
    public static IEnumerable<(string Id, string Text)> Rows(string content)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < content.Length; i++)
        {
            var c = content[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < content.Length && content[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < content.Length && content[i + 1] == '\n')
                {
                    i++;
                }
                fields.Add(field.ToString());
                field.Clear();
                if (Row(fields) is { } row)
                {
                    yield return row;
                }
                fields.Clear();
            }
            else
            {
                field.Append(c);
            }
        }
        fields.Add(field.ToString());
        if (Row(fields) is { } last)
        {
            yield return last;
        }
    }

    private static (string, string)? Row(List<string> fields) =>
        fields.Count >= 2 && fields[0].Trim().Length > 0 ? (fields[0].Trim().TrimStart('\uFEFF'), string.Join(",", fields.Skip(1)).Trim()) : null;
}
