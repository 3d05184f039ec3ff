using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Data.Configurations;

internal sealed class AlertConfiguration : IEntityTypeConfiguration<Alert>
{
    public void Configure(EntityTypeBuilder<Alert> builder)
    {
        builder.Property(a => a.RuleId).HasMaxLength(100);
        builder.Property(a => a.Title).HasMaxLength(200);
        // Stored as its number so that it sorts by meaning (Critical above High), not alphabetically.
        builder.Property(a => a.Severity).HasConversion<int>();
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
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

        // The queue filters by tenant and status and sorts by risk or newest first; reports range over time.
        builder.HasIndex(a => new { a.TenantId, a.Status, a.RiskScore });
        builder.HasIndex(a => new { a.TenantId, a.DetectedAt, a.Id });
        builder.HasIndex(a => new { a.DetectedAt, a.Id });
        // Detection finds the open alert of a key on every chunk.
        builder.HasIndex(a => new { a.TenantId, a.DedupKey });
        // The alert page's similar alerts: same entity, newest first, across the tenants the reader sees.
        builder.HasIndex(a => new { a.SourceIp, a.DetectedAt });
        builder.HasIndex(a => new { a.UserName, a.DetectedAt });
        builder.HasIndex(a => new { a.HostName, a.DetectedAt });
    }
}
