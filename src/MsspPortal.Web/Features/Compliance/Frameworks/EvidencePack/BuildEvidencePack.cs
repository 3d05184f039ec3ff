using System.Globalization;
using System.Text;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Features.Compliance.Frameworks.Catalogs;
using MsspPortal.Web.Infrastructure.Audit;
using MsspPortal.Web.Infrastructure.Auth;

namespace MsspPortal.Web.Features.Compliance.Frameworks.EvidencePack;

// The evidence pack of one framework for an audit period [From, To] (whole months): the statuses come from the latest
// frozen check inside the period, never from a live evaluation, so the pack says what the portal froze. Files: every
// frozen result of the period as CSV, and each manual evidence (uploads as they were uploaded, attestations as text).
public sealed record BuildEvidencePack(string? Tenant, string FrameworkId, DateOnly? From, DateOnly? To) : IQuery<EvidencePackPlan?>;

// The request for the writer, with what the pack record needs. Error when there is no frozen check in the period.
public sealed record EvidencePackPlan(Guid TenantId, EvidencePackRequest? Request, int AutomatedControls, string? Error);

internal sealed class BuildEvidencePackHandler(PortalDbContext db, FrameworkCatalog catalog, TimeProvider clock, ICurrentUser user)
    : IQueryHandler<BuildEvidencePack, EvidencePackPlan?>
{
    public async ValueTask<EvidencePackPlan?> Handle(BuildEvidencePack query, CancellationToken cancellationToken)
    {
        if (await ComplianceTenant.FindAsync(db, query.Tenant, cancellationToken) is not { } tenant || catalog.Find(query.FrameworkId) is not { } framework
            || !await db.TenantFrameworks.AnyAsync(f => f.TenantId == tenant.Id && f.FrameworkId == framework.Id, cancellationToken))
        {
            return null;
        }
        var now = clock.GetUtcNow();
        var to = query.To ?? DateOnly.FromDateTime(now.UtcDateTime);
        var from = query.From ?? new DateOnly(to.Year, to.Month, 1).AddMonths(-11);
        if (from > to)
        {
            (from, to) = (to, from);
        }
        var first = new DateOnly(from.Year, from.Month, 1);
        var checks = await db.ComplianceChecks.AsNoTracking().Include(c => c.Results)
            .Where(c => c.TenantId == tenant.Id && c.FrameworkId == framework.Id && c.Month >= first && c.Month <= to)
            .OrderBy(c => c.Month).ToListAsync(cancellationToken);
        if (checks.Count == 0)
        {
            return new(tenant.Id, null, 0, $"No frozen check of {framework.Title} between {from:yyyy-MM-dd} and {to:yyyy-MM-dd}.");
        }
        var latest = checks[^1];
        var assessments = (await db.ControlAssessments.AsNoTracking().Where(a => a.TenantId == tenant.Id && a.FrameworkId == framework.Id).ToListAsync(cancellationToken))
            .ToDictionary(a => a.ControlId, StringComparer.OrdinalIgnoreCase);
        var evidence = await db.ManualEvidence.AsNoTracking().Where(e => e.TenantId == tenant.Id && e.FrameworkId == framework.Id)
            .Select(e => new { e.Id, e.ControlId, e.Kind, e.Title, e.FileName, e.Owner, e.ReviewDue, e.AddedAt }).OrderBy(e => e.Id).ToListAsync(cancellationToken);
        var labels = framework.Controls.ToDictionary(c => c.Id, c => c.Label, StringComparer.OrdinalIgnoreCase);
        var files = new List<EvidenceFile>
        {
            new("evidence/monthly-checks.csv", "Every control's frozen status, month by month, in the period", (s, ct) => WriteChecksAsync(checks, s, ct)),
        };
        var names = new Dictionary<long, string>();
        foreach (var e in evidence)
        {
            var safeControl = new string([.. e.ControlId.Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' ? c : '_')]);
            var name = e.Kind == ManualEvidenceKind.Upload
                ? $"manual/{safeControl}/{e.Id}-{Path.GetFileName(e.FileName ?? "file")}"
                : $"manual/{safeControl}/{e.Id}-attestation.txt";
            names[e.Id] = name;
            var id = e.Id;
            files.Add(new(name, $"{e.Kind} \"{e.Title}\" by {e.Owner}, review due {e.ReviewDue:yyyy-MM-dd}", (s, ct) => WriteEvidenceAsync(tenant.Id, id, s, ct)));
        }
        var findings = latest.Results.OrderBy(r => r.Id).Select(r =>
        {
            var a = assessments.GetValueOrDefault(r.ControlId);
            return new ControlFinding(r.ControlId, labels.GetValueOrDefault(r.ControlId, ""), (ControlStatus)(int)r.Status, r.Reason, (EvidenceAutomation)(int)r.Automation,
                a?.Owner, a?.ReviewDue, [.. evidence.Where(e => string.Equals(e.ControlId, r.ControlId, StringComparison.OrdinalIgnoreCase)).Select(e => names[e.Id])]);
        }).ToList();
        var automated = latest.Results.Count(r => r.Automation == ControlAutomation.Automated && r.Status is not (ComplianceStatus.NotAssessed or ComplianceStatus.NotApplicable));
        var by = user.Id is { } userId ? await db.Users.Where(u => u.Id == userId).Select(u => u.Email).FirstOrDefaultAsync(cancellationToken) ?? userId : "system";
        var request = new EvidencePackRequest(tenant.Name, tenant.Slug, framework.Id, framework.Title, framework.Version, framework.Source, from, to, now, by, findings, files);
        return new(tenant.Id, request, automated, null);
    }

    private static async Task WriteChecksAsync(IReadOnlyList<ComplianceCheck> checks, Stream output, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true);
        await writer.WriteLineAsync("Month,Control,Status,Previous status,Automation,Reason,Evidence,Frozen at (UTC)");
        foreach (var c in checks)
        {
            foreach (var r in c.Results.OrderBy(r => r.Id))
            {
                await writer.WriteLineAsync(string.Join(',', Cell(c.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture)), Cell(r.ControlId), r.Status, r.PreviousStatus?.ToString() ?? "",
                    r.Automation, Cell(r.Reason), Cell(r.EvidenceSummary), c.FrozenAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)));
            }
        }
        await writer.FlushAsync(cancellationToken);
    }

    // One evidence row at a time, read when the writer asks for it (never every file in memory at once).
    private async Task WriteEvidenceAsync(Guid tenantId, long id, Stream output, CancellationToken cancellationToken)
    {
        var row = await db.ManualEvidence.AsNoTracking().Where(e => e.TenantId == tenantId && e.Id == id)
            .Select(e => new { e.Kind, e.Content, e.AttestationText, e.Title, e.Owner, e.AddedAt, e.ReviewDue }).FirstAsync(cancellationToken);
        var bytes = row.Kind == ManualEvidenceKind.Upload
            ? row.Content ?? []
            : Encoding.UTF8.GetBytes($"{row.Title}\nAttested by {row.Owner}, {row.AddedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC; review due {row.ReviewDue:yyyy-MM-dd}\n\n{row.AttestationText}\n");
        await output.WriteAsync(bytes, cancellationToken);
    }

    // Spreadsheet formulas neutralised (architecture: exports), quotes doubled.
    private static string Cell(string value)
    {
        var v = value.Length > 0 && value[0] is '=' or '+' or '-' or '@' ? "'" + value : value;
        return v.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + v.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : v;
    }
}

// The download recorded: the value model reads it (audit days saved in a month with a pack and no reported audit days).
public sealed record RecordEvidencePack(Guid TenantId, string FrameworkId, DateOnly PeriodStart, DateOnly PeriodEnd, int Controls, int AutomatedControls,
    long SizeBytes, string Sha256) : ICommand<long>;

internal sealed class RecordEvidencePackHandler(PortalDbContext db, TimeProvider clock, ICurrentUser user, AuditLog audit) : ICommandHandler<RecordEvidencePack, long>
{
    public async ValueTask<long> Handle(RecordEvidencePack command, CancellationToken cancellationToken)
    {
        var record = EvidencePackRecord.Generated(command.TenantId, command.FrameworkId, command.PeriodStart, command.PeriodEnd, clock.GetUtcNow(), user.Id,
            command.Controls, command.AutomatedControls, command.SizeBytes, command.Sha256);
        db.EvidencePackRecords.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        audit.Record(command.TenantId, "compliance.evidence-pack", nameof(EvidencePackRecord), record.Id);
        await db.SaveChangesAsync(cancellationToken);
        return record.Id;
    }
}

// One manual evidence file, for its download link.
public sealed record GetEvidenceFile(long Id) : IQuery<EvidenceFileDownload?>;

public sealed record EvidenceFileDownload(string FileName, string ContentType, byte[] Content);

internal sealed class GetEvidenceFileHandler(PortalDbContext db) : IQueryHandler<GetEvidenceFile, EvidenceFileDownload?>
{
    public async ValueTask<EvidenceFileDownload?> Handle(GetEvidenceFile query, CancellationToken cancellationToken) =>
        await db.ManualEvidence.AsNoTracking().Where(e => e.Id == query.Id && e.Kind == ManualEvidenceKind.Upload)
            .Select(e => new EvidenceFileDownload(e.FileName ?? "evidence", e.ContentType ?? "application/octet-stream", e.Content ?? Array.Empty<byte>()))
            .FirstOrDefaultAsync(cancellationToken);
}
