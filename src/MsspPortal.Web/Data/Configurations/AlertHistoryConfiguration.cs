using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Data.Configurations;

internal sealed class AlertHistoryConfiguration : IEntityTypeConfiguration<AlertHistory>
{
    public void Configure(EntityTypeBuilder<AlertHistory> builder)
    {
        builder.ToTable("AlertHistory");
        builder.Property(h => h.Field).HasMaxLength(64);
        builder.Property(h => h.From).HasMaxLength(256);
        builder.Property(h => h.To).HasMaxLength(256);
        builder.Property(h => h.Reason).HasMaxLength(2000);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(h => h.TenantId).OnDelete(DeleteBehavior.Restrict);
        // SLA and KPI computations walk history by tenant and time.
        builder.HasIndex(h => new { h.TenantId, h.At });
    }
}
