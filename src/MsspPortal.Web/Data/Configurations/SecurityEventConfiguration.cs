using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Data.Configurations;

internal sealed class SecurityEventConfiguration : IEntityTypeConfiguration<SecurityEvent>
{
    public void Configure(EntityTypeBuilder<SecurityEvent> builder)
    {
        builder.Property(e => e.SourceIp).HasMaxLength(45);
        builder.Property(e => e.DestinationIp).HasMaxLength(45);
        builder.Property(e => e.UserName).HasMaxLength(256);
        builder.Property(e => e.HostName).HasMaxLength(256);
        builder.Property(e => e.Action).HasMaxLength(64);
        builder.Property(e => e.Outcome).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.Category).HasMaxLength(64);
        builder.Property(e => e.VendorSignature).HasMaxLength(512);
        // No foreign keys: events are bulk-inserted on the hot path and outlive both the raw batches they came from and a
        // decommissioned device (its events stay for retention and forensics). Each foreign key costs a parent lookup
        // on every insert, and on SQLite an immediate one makes every multi-row INSERT keep a statement journal (it
        // may have to undo half a statement): 1.2 KB of temp-file writes per event, more than the event itself. The
        // tenant is checked where events are written (EventWriter, against the tenant scope), and tenants are never
        // deleted. docs/decisions/0006-event-store-bulk-path.md.
        // One index: event search pages by tenant and time, newest first; rule tests read "the last 24 h". An index
        // led by source address cost a quarter of ingestion throughput (random inserts into a B-tree larger than the
        // cache; docs/performance.md) and nothing reads it yet: address pivots are served from alerts, which carry
        // their entities. docs/decisions/0006-event-store-bulk-path.md.
        builder.HasIndex(e => new { e.TenantId, e.Timestamp, e.Id });
        // Exactly-once, enforced by the database and not only by the batch's chunk counter: a second writer (a worker
        // that lost its lease, a bug in a resume) gets a constraint error instead of a duplicated event. Events without a
        // batch (seeded, hand-made) are outside it: SQL Server gets a filter for the nullable column by convention and
        // SQLite treats NULLs as distinct. Costs one more B-tree per insert, measured in docs/scaling.md.
        builder.HasIndex(e => new { e.BatchId, e.LineNumber, e.LineRecord }).IsUnique();
    }
}
