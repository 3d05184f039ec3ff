using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Features.Alerts;

// The queue's free text: title, user, host and addresses, case-insensitive, anywhere in the value.
// On SQLite the AlertSearch table (FTS5, trigram tokenizer, kept by triggers on Alerts) finds the alerts holding a
// term of three characters or more without reading the others. A term that many alerts hold is better served by
// walking the sort's index and testing each row (the first page fills at once), so the index answers only while it
// names at most RareHits alerts; past that, and on SQL Server, it is a LIKE on the five columns.
internal static class AlertTextSearch
{
    private const int RareHits = 2000;

    public static async ValueTask<IQueryable<Alert>> NarrowAsync(PortalDbContext db, IQueryable<Alert> alerts, string text, CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlite() && text.Length >= 3)
        {
            // A quoted FTS5 string: the term is matched as it is, never read as query syntax.
            var phrase = "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
            var hits = await db.Database
                .SqlQuery<long>($"SELECT rowid AS \"Value\" FROM \"AlertSearch\" WHERE \"AlertSearch\" MATCH {phrase} LIMIT {RareHits + 1}")
                .ToListAsync(cancellationToken);
            if (hits.Count <= RareHits)
            {
                return alerts.Where(a => hits.Contains(a.Id));
            }
        }
        var pattern = "%" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal) + "%";
        return alerts.Where(a => EF.Functions.Like(a.Title, pattern, "\\") || EF.Functions.Like(a.UserName, pattern, "\\")
            || EF.Functions.Like(a.HostName, pattern, "\\") || EF.Functions.Like(a.SourceIp, pattern, "\\")
            || EF.Functions.Like(a.DestinationIp, pattern, "\\"));
    }
}
