using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Features.Compliance.Frameworks.Catalogs;
using MsspPortal.Web.Features.Compliance.Frameworks.Checks;

namespace MsspPortal.Web.Features.Compliance.Frameworks;

// One control of one tenant's framework: its label (and the tenant's licensed text, if imported), its history of frozen
// statuses, its settings, and its manual evidence; the forms to change them come with it.
public sealed record GetControl(string? Tenant, string FrameworkId, string ControlId) : IQuery<ControlViewModel?>;

public sealed record ControlViewModel(
    Guid TenantId, string TenantSlug, string TenantName, FrameworkDefinition Framework, FrameworkControl Control, string? LicensedText, ControlAutomation Automation,
    string? EvidenceSource, IReadOnlyList<ControlViewModel.History> Statuses, string? Owner, DateOnly? ReviewDue, string? NotApplicableReason,
    IReadOnlyList<ControlViewModel.Evidence> Evidences, DateOnly Today)
{
    public sealed record History(DateOnly Month, ComplianceStatus Status, string Reason);

    public sealed record Evidence(long Id, ManualEvidenceKind Kind, string Title, string? FileName, long SizeBytes, string? Text, string Owner, DateTimeOffset AddedAt, DateOnly ReviewDue);

    public ControlSettingsForm SettingsForm { get; init; } = new();

    public ManualEvidenceForm EvidenceForm { get; init; } = new();
}

public sealed class ControlSettingsForm
{
    public string? Owner { get; set; }

    public DateOnly? ReviewDue { get; set; }

    public string? NotApplicableReason { get; set; }
}

public sealed class ManualEvidenceForm
{
    public ManualEvidenceKind Kind { get; set; } = ManualEvidenceKind.Attestation;

    public string Title { get; set; } = "";

    public string? Text { get; set; }

    public string Owner { get; set; } = "";

    public DateOnly? ReviewDue { get; set; }

    public IFormFile? File { get; set; }
}

internal sealed class GetControlHandler(PortalDbContext db, FrameworkCatalog catalog, TimeProvider clock) : IQueryHandler<GetControl, ControlViewModel?>
{
    public async ValueTask<ControlViewModel?> Handle(GetControl query, CancellationToken cancellationToken)
    {
        if (await ComplianceTenant.FindAsync(db, query.Tenant, cancellationToken) is not { } tenant || catalog.Find(query.FrameworkId) is not { } framework
            || framework.Controls.FirstOrDefault(c => string.Equals(c.Id, query.ControlId, StringComparison.OrdinalIgnoreCase)) is not { } control
            || !await db.TenantFrameworks.AnyAsync(f => f.TenantId == tenant.Id && f.FrameworkId == framework.Id, cancellationToken))
        {
            return null;
        }
        var licensed = await db.LicensedControlTexts.AsNoTracking().Where(t => t.TenantId == tenant.Id && t.FrameworkId == framework.Id && t.ControlId == control.Id)
            .Select(t => t.Text).FirstOrDefaultAsync(cancellationToken);
        var statuses = await db.ComplianceCheckResults.AsNoTracking()
            .Join(db.ComplianceChecks.Where(c => c.TenantId == tenant.Id && c.FrameworkId == framework.Id), r => r.CheckId, c => c.Id, (r, c) => new { r, c.Month })
            .Where(x => x.r.ControlId == control.Id).OrderByDescending(x => x.Month).Take(12)
            .Select(x => new ControlViewModel.History(x.Month, x.r.Status, x.r.Reason)).ToListAsync(cancellationToken);
        var assessment = await db.ControlAssessments.AsNoTracking().FirstOrDefaultAsync(a => a.TenantId == tenant.Id && a.FrameworkId == framework.Id && a.ControlId == control.Id, cancellationToken);
        var evidence = await db.ManualEvidence.AsNoTracking().Where(e => e.TenantId == tenant.Id && e.FrameworkId == framework.Id && e.ControlId == control.Id)
            .OrderByDescending(e => e.Id)
            .Select(e => new ControlViewModel.Evidence(e.Id, e.Kind, e.Title, e.FileName, e.SizeBytes, e.AttestationText, e.Owner, e.AddedAt, e.ReviewDue))
            .ToListAsync(cancellationToken);
        var mapped = ComplianceMapping.Find(framework.Id, control.Id);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), ComplianceCalendar.Zone(tenant.TimeZone)).DateTime);
        return new ControlViewModel(tenant.Id, tenant.Slug, tenant.Name, framework, control, licensed, mapped?.Automation ?? ControlAutomation.Manual, mapped?.Source.ToString(),
            statuses, assessment?.Owner, assessment?.ReviewDue, assessment?.NotApplicableReason, evidence, today)
        {
            SettingsForm = new ControlSettingsForm { Owner = assessment?.Owner, ReviewDue = assessment?.ReviewDue, NotApplicableReason = assessment?.NotApplicableReason },
        };
    }
}
