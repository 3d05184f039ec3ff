using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Data.Configurations;

internal sealed class ThreatIntelIndicatorConfiguration : IEntityTypeConfiguration<ThreatIntelIndicator>
{
    public void Configure(EntityTypeBuilder<ThreatIntelIndicator> builder)
    {
        builder.Property(i => i.ListName).HasMaxLength(100);
        builder.Property(i => i.Type).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.Value).HasMaxLength(2048);
        builder.Property(i => i.Description).HasMaxLength(1000);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(i => i.TenantId).OnDelete(DeleteBehavior.Restrict);
        // Imports replace one list of one tenant.
        builder.HasIndex(i => new { i.TenantId, i.ListName });
    }
}
