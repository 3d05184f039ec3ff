using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Data.Configurations;

internal sealed class RetentionScopeConfiguration : IEntityTypeConfiguration<RetentionScope>
{
    public void Configure(EntityTypeBuilder<RetentionScope> builder)
    {
        builder.Property(p => p.UpdatedBy).HasMaxLength(450);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(p => p.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => p.TenantId).IsUnique();
    }
}
