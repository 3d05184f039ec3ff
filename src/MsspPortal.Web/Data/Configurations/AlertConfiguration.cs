using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Data.Configurations;

internal sealed class AlertConfiguration : IEntityTypeConfiguration<Alert>
{
    // The deadline the SLA countdown runs to: acknowledge while New, resolve afterwards. A computed (virtual) column
    // rather than a property, so nothing can forget to set it, and so the queue can sort by it on an index.
    public const string SlaDueAt = "SlaDueAt";

    public void Configure(EntityTypeBuilder<Alert> builder)
    {
        builder.Property(a => a.RuleId).HasMaxLength(100);
        builder.Property(a => a.Title).HasMaxLength(200);
        // Stored as its number so that it sorts by meaning (Critical above High), not alphabetically.
        builder.Property(a => a.Severity).HasConversion<int>();
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(24);
        builder.Property(a => a.Disposition).HasConversion<string>().HasMaxLength(24);
        builder.Property(a => a.DispositionReason).HasMaxLength(1000);
        builder.Property(a => a.RiskBreakdown).HasMaxLength(2000);
        builder.Property(a => a.SourceIp).HasMaxLength(45);
        builder.Property(a => a.DestinationIp).HasMaxLength(45);
        builder.Property(a => a.UserName).HasMaxLength(256);
        builder.Property(a => a.HostName).HasMaxLength(256);
        builder.Property(a => a.Techniques).HasMaxLength(200);
        builder.Property(a => a.DedupKey).HasMaxLength(400);
        builder.Property(a => a.RuleAuthor).HasMaxLength(200);
        builder.Property(a => a.RiskFactors).HasMaxLength(4000);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(a => a.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(a => a.AssigneeId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Incident>().WithMany().HasForeignKey(a => a.IncidentId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Asset>().WithMany().HasForeignKey(a => a.AssetId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(a => a.History).WithOne().HasForeignKey(h => h.AlertId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(a => a.History).HasField("_history").UsePropertyAccessMode(PropertyAccessMode.Field);

        // Double-quoted names and a plain string literal read the same on SQLite and SQL Server (QUOTED_IDENTIFIER on).
        builder.Property<DateTimeOffset?>(SlaDueAt)
            .HasComputedColumnSql("CASE WHEN \"Status\" = 'New' THEN \"AcknowledgeDueAt\" ELSE \"ResolveDueAt\" END", stored: false);

        // The queue pages by keyset on (sort key, Id) for each sort (risk, time, SLA deadline); each single filter it
        // offers has an index that starts with the filtered column and continues with a sort key, so a page reads
        // about its own rows whatever the table's size. Reports range over time.
        builder.HasIndex(a => new { a.TenantId, a.Status, a.RiskScore });
        builder.HasIndex(a => new { a.TenantId, a.DetectedAt, a.Id });
        builder.HasIndex(a => new { a.DetectedAt, a.Id });
        builder.HasIndex(a => new { a.RiskScore, a.Id });
        builder.HasIndex(SlaDueAt, nameof(Alert.Id));
        builder.HasIndex(a => new { a.Status, a.RiskScore, a.Id });
        builder.HasIndex(a => new { a.Status, a.DetectedAt, a.Id });
        builder.HasIndex(nameof(Alert.Status), SlaDueAt, nameof(Alert.Id));
        builder.HasIndex(a => new { a.TenantId, a.RiskScore, a.Id });
        builder.HasIndex(nameof(Alert.TenantId), SlaDueAt, nameof(Alert.Id));
        builder.HasIndex(a => new { a.Severity, a.RiskScore, a.Id });
        builder.HasIndex(a => new { a.Severity, a.DetectedAt, a.Id });
        builder.HasIndex(a => new { a.AssigneeId, a.RiskScore, a.Id });
        builder.HasIndex(a => new { a.RuleId, a.RiskScore, a.Id });
        // The queue opens on the open alerts, a small share of a million once most are resolved: partial indexes over
        // them alone keep the default sorts from stepping over resolved rows (SQLite uses one when the query has the
        // same term, which the queue's "Status <> 'Resolved'" is; SQL Server calls them filtered indexes).
        const string Open = "\"Status\" <> 'Resolved'";
        builder.HasIndex(a => new { a.RiskScore, a.Id }, "IX_Alerts_Open_RiskScore_Id").HasFilter(Open);
        builder.HasIndex(a => new { a.DetectedAt, a.Id }, "IX_Alerts_Open_DetectedAt_Id").HasFilter(Open);
        builder.HasIndex([SlaDueAt, nameof(Alert.Id)], "IX_Alerts_Open_SlaDueAt_Id").HasFilter(Open);
        // Detection finds the open alert of a key on every chunk.
        builder.HasIndex(a => new { a.TenantId, a.DedupKey });
        // The alert page's similar alerts: same entity, newest first, across the tenants the reader sees.
        builder.HasIndex(a => new { a.SourceIp, a.DetectedAt });
        builder.HasIndex(a => new { a.UserName, a.DetectedAt });
        builder.HasIndex(a => new { a.HostName, a.DetectedAt });
        // A survivor lists the duplicates merged into it; few alerts are merged, so the index holds only them. The
        // self-reference itself is configured in PortalDbContext (its delete rule depends on the provider).
        builder.HasIndex(a => a.MergedIntoId).HasFilter("\"MergedIntoId\" IS NOT NULL");
    }
}
