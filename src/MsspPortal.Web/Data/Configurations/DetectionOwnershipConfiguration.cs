using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Data.Configurations;

internal sealed class DetectionOwnershipConfiguration : IEntityTypeConfiguration<DetectionOwnership>
{
    public void Configure(EntityTypeBuilder<DetectionOwnership> builder)
    {
        builder.HasKey(o => o.TenantId);
        builder.Property(o => o.TenantId).ValueGeneratedNever();
        builder.Property(o => o.Owner).HasMaxLength(200);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(o => o.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}
