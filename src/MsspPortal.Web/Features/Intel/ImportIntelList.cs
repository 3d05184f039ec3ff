using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Core.Intel;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Audit;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Features.Intel;

// Replaces one named indicator list with the content of a CSV (type,value[,confidence,valid_until,...]) or a STIX
// 2.1 bundle. A tenant list applies to that tenant; an MSSP-wide list (platform admins) to every tenant. Detection
// picks the new list up at its next chunk (it compares a stamp of the lists).
public sealed record ImportIntelList : ICommand<IntelImportOutcome>
{
    public Guid? TenantId { get; init; }

    public bool MsspWide { get; init; }

    public string ListName { get; init; } = "";

    public string FileName { get; init; } = "";

    public byte[] Content { get; init; } = [];
}

public sealed record IntelImportOutcome(int Imported, IReadOnlyList<string> Skipped);

public sealed class ImportIntelListValidator : AbstractValidator<ImportIntelList>
{
    public const int MaxBytes = 20 * 1024 * 1024;

    public ImportIntelListValidator(ITenantContext tenant)
    {
        RuleFor(c => c.ListName).NotEmpty().MaximumLength(100).Matches("^[A-Za-z0-9 ._-]+$").WithMessage("Use letters, digits, spaces, dots, dashes.");
        RuleFor(c => c.Content).Must(c => c.Length > 0).WithMessage("Choose a non-empty CSV or STIX 2.1 JSON file.")
            .Must(c => c.Length <= MaxBytes).WithMessage("The file is larger than 20 MB.");
        RuleFor(c => c.TenantId).Must(id => id is { } t && tenant.CanAccess(t)).When(c => !c.MsspWide).WithMessage("Choose one of your tenants.");
        RuleFor(c => c.MsspWide).Must(_ => tenant.SeesAllTenants).When(c => c.MsspWide).WithMessage("Only platform admins manage MSSP-wide lists.");
    }
}

internal sealed class ImportIntelListHandler(PortalDbContext db, TimeProvider clock, AuditLog audit) : ICommandHandler<ImportIntelList, IntelImportOutcome>
{
    public async ValueTask<IntelImportOutcome> Handle(ImportIntelList command, CancellationToken cancellationToken)
    {
        var listName = command.ListName.Trim();
        var result = LooksLikeJson(command.Content)
            ? StixBundleImporter.Import(new MemoryStream(command.Content), listName)
            : IndicatorCsvImporter.Import(new StreamReader(new MemoryStream(command.Content)), listName);
        var now = clock.GetUtcNow();
        // One retriable unit (SQL Server's strategy refuses a transaction begun outside it); a retry starts clean.
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async cancellationToken =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (command.MsspWide)
            {
                await db.MsspIntelIndicators.Where(i => i.ListName == listName).ExecuteDeleteAsync(cancellationToken);
                db.MsspIntelIndicators.AddRange(result.Indicators.Select(i => new MsspIntelIndicator
                {
                    ListName = listName, Type = i.Type, Value = i.Value, Confidence = i.Confidence,
                    ValidFrom = i.ValidFrom, ValidUntil = i.ValidUntil, Description = Clip(i.Description), ImportedAt = now,
                }));
            }
            else
            {
                var tenantId = command.TenantId!.Value;
                await db.ThreatIntelIndicators.Where(i => i.TenantId == tenantId && i.ListName == listName).ExecuteDeleteAsync(cancellationToken);
                db.ThreatIntelIndicators.AddRange(result.Indicators.Select(i => new ThreatIntelIndicator
                {
                    TenantId = tenantId, ListName = listName, Type = i.Type, Value = i.Value, Confidence = i.Confidence,
                    ValidFrom = i.ValidFrom, ValidUntil = i.ValidUntil, Description = Clip(i.Description), ImportedAt = now,
                }));
                audit.Record(tenantId, "intel.imported", nameof(ThreatIntelIndicator), listName);
            }
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }, cancellationToken);
        return new IntelImportOutcome(result.Indicators.Count, result.Skipped);
    }

    private static bool LooksLikeJson(byte[] content)
    {
        foreach (var b in content)
        {
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0xEF or 0xBB or 0xBF)
            {
                continue;
            }
            return b == (byte)'{';
        }
        return false;
    }

    private static string? Clip(string? value) => value is { Length: > 500 } ? value[..500] : value;
}
