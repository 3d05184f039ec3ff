using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Data.Configurations;

internal sealed class IncidentHistoryConfiguration : IEntityTypeConfiguration<IncidentHistory>
{
    public void Configure(EntityTypeBuilder<IncidentHistory> builder)
    {
        builder.ToTable("IncidentHistory");
        builder.Property(h => h.Field).HasMaxLength(64);
        builder.Property(h => h.From).HasMaxLength(512);
        builder.Property(h => h.To).HasMaxLength(512);
        builder.Property(h => h.Reason).HasMaxLength(2000);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(h => h.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(h => new { h.IncidentId, h.At });
    }
}
