using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Data.Configurations;

internal sealed class AssetConfiguration : IEntityTypeConfiguration<Asset>
{
    public void Configure(EntityTypeBuilder<Asset> builder)
    {
        builder.Property(a => a.Name).HasMaxLength(200);
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(a => a.Identifiers).HasMaxLength(2000);
        builder.Property(a => a.BusinessOwner).HasMaxLength(200);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(a => a.TenantId).OnDelete(DeleteBehavior.Restrict);
        // Removing a service leaves its assets without one rather than deleting them.
        builder.HasOne(a => a.BusinessService).WithMany().HasForeignKey(a => a.BusinessServiceId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(a => new { a.TenantId, a.Name });
    }
}
