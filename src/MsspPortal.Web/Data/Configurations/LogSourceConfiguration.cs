using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Data.Configurations;

internal sealed class LogSourceConfiguration : IEntityTypeConfiguration<LogSource>
{
    public void Configure(EntityTypeBuilder<LogSource> builder)
    {
        builder.Property(s => s.Name).HasMaxLength(200);
        builder.Property(s => s.Vendor).HasMaxLength(100);
        builder.Property(s => s.Product).HasMaxLength(100);
        builder.Property(s => s.ExpectedFormat).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.SourceAddresses).HasMaxLength(1000);
        builder.Property(s => s.TimeZone).HasMaxLength(64);
        builder.Property(s => s.ApiKeyPrefix).HasMaxLength(16);
        builder.Property(s => s.ApiKeyHash).HasMaxLength(128);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(s => s.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Asset>().WithMany().HasForeignKey(s => s.AssetId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(s => new { s.TenantId, s.Name }).IsUnique();
        // The ingestion API finds a key's row by its clear prefix before checking the hash.
        builder.HasIndex(s => s.ApiKeyPrefix).IsUnique();
    }
}
