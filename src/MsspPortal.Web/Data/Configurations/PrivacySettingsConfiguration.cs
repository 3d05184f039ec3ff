using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Data.Configurations;

internal sealed class PrivacySettingsConfiguration : IEntityTypeConfiguration<PrivacySettings>
{
    public void Configure(EntityTypeBuilder<PrivacySettings> builder)
    {
        builder.Property(p => p.Cards).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.Emails).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.Phones).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.ResidentIds).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.PatternMode).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.PhoneRegions).HasMaxLength(200);
        builder.Property(p => p.Patterns).HasMaxLength(8000);
        builder.Property(p => p.UpdatedBy).HasMaxLength(450);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(p => p.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => p.TenantId).IsUnique();
    }
}
