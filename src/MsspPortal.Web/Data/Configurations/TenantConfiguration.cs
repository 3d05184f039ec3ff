using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Data.Configurations;

internal sealed class TenantConfiguration : IEntityTypeConfiguration<Tenant>
{
    public void Configure(EntityTypeBuilder<Tenant> builder)
    {
        builder.Property(t => t.Name).HasMaxLength(200);
        builder.Property(t => t.Slug).HasMaxLength(64);
        builder.HasIndex(t => t.Slug).IsUnique();
        builder.Property(t => t.Industry).HasConversion<string>().HasMaxLength(32);
        builder.Property(t => t.Tier).HasConversion<string>().HasMaxLength(32);
        builder.Property(t => t.TimeZone).HasMaxLength(64);
        builder.Property(t => t.Currency).HasMaxLength(3);
    }
}
