using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Core.Attack;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Pipeline;

namespace MsspPortal.Web.Features.Attack;

// Replaces the global ATT&amp;CK catalogue with MITRE's (STIX bundle .json, or technique CSV). Platform admins
// only.
public sealed record ImportAttackCatalog(string FileName, byte[] Content) : ICommand<AttackImportResult>;

public sealed record AttackImportResult(bool Succeeded, int Tactics, int Techniques, string? Error);

internal sealed class ImportAttackCatalogHandler(PortalDbContext db, DetectionRuntime runtime) : ICommandHandler<ImportAttackCatalog, AttackImportResult>
{
    public async ValueTask<AttackImportResult> Handle(ImportAttackCatalog command, CancellationToken cancellationToken)
    {
        AttackCatalog catalog;
        try
        {
            using var stream = new MemoryStream(command.Content);
            if (command.FileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            {
                catalog = AttackCatalog.FromStixBundle(stream);
            }
            else
            {
                using var reader = new StreamReader(stream);
                catalog = AttackCatalog.FromCsv(reader);
            }
        }
        catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException or InvalidOperationException)
        {
            return new AttackImportResult(false, 0, 0, ex.Message);
        }
        if (catalog.Techniques.Count == 0)
        {
            return new AttackImportResult(false, 0, 0, "The file holds no techniques.");
        }

        // Whole replacement in one save: the matrix is never half old, half new.
        db.AttackTechniques.RemoveRange(await db.AttackTechniques.ToListAsync(cancellationToken));
        db.AttackTactics.RemoveRange(await db.AttackTactics.ToListAsync(cancellationToken));
        db.AttackTactics.AddRange(catalog.Tactics.Select(t => new AttackTacticEntry { Id = t.Id, Name = t.Name, ShortName = t.ShortName, MatrixOrder = t.Order }));
        db.AttackTechniques.AddRange(catalog.Techniques.Select(t => new AttackTechniqueEntry { Id = t.Id, Name = t.Name.Length > 200 ? t.Name[..200] : t.Name, TacticIds = string.Join(',', t.TacticIds) }));
        await db.SaveChangesAsync(cancellationToken);
        runtime.InvalidateCatalog();
        return new AttackImportResult(true, catalog.Tactics.Count, catalog.Techniques.Count, null);
    }
}
