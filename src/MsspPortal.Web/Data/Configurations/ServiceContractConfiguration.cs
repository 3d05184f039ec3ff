using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Data.Configurations;

internal sealed class ServiceContractConfiguration : IEntityTypeConfiguration<ServiceContract>
{
    public void Configure(EntityTypeBuilder<ServiceContract> builder)
    {
        builder.Property(c => c.Tier).HasConversion<string>().HasMaxLength(32);
        builder.Property(c => c.BillingPeriod).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.RevenueShareReading).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Currency).HasMaxLength(ServiceContract.CurrencyLength);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(c => c.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.SlaTargets).WithOne().HasForeignKey(t => t.ServiceContractId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.SlaTargets).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasIndex(c => new { c.TenantId, c.StartsOn });
    }
}

internal sealed class SlaTargetConfiguration : IEntityTypeConfiguration<SlaTarget>
{
    public void Configure(EntityTypeBuilder<SlaTarget> builder)
    {
        builder.Property(t => t.Severity).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(t => t.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(t => new { t.ServiceContractId, t.Severity }).IsUnique();
    }
}
