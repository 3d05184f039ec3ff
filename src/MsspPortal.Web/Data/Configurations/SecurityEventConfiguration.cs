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
        builder.HasOne<Tenant>().WithMany().HasForeignKey(e => e.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<LogSource>().WithMany().HasForeignKey(e => e.LogSourceId).OnDelete(DeleteBehavior.Restrict);
        // No FK to RawBatch: events are bulk-inserted on the hot path and outlive the raw batches they came from.
        // Event search pages by tenant and time, newest first; rule tests read "the last 24 h".
        builder.HasIndex(e => new { e.TenantId, e.Timestamp, e.Id });
        builder.HasIndex(e => new { e.TenantId, e.SourceIp, e.Timestamp });
    }
}
