using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Data.Configurations;

internal sealed class BusinessProfileConfiguration : IEntityTypeConfiguration<BusinessProfile>
{
    public void Configure(EntityTypeBuilder<BusinessProfile> builder)
    {
        builder.Property(p => p.CustomerStaffHourlyCost).HasPrecision(18, 2);
        builder.Property(p => p.AverageFraudLoss).HasPrecision(18, 2);
        builder.Property(p => p.UpdatedBy).HasMaxLength(450);
        builder.OwnsOne(p => p.Baseline, b =>
        {
            b.Property(x => x.InterruptionHoursPerMonth).HasPrecision(18, 2);
            b.Property(x => x.FraudRatePercent).HasPrecision(9, 4);
            b.Property(x => x.IncidentsPerMonth).HasPrecision(18, 2);
            b.Property(x => x.ComplianceAuditDays).HasPrecision(18, 2);
            b.Property(x => x.CustomerChurnPercent).HasPrecision(9, 4);
            b.Property(x => x.MeanTimeToRespondHours).HasPrecision(18, 2);
            b.Property(x => x.CustomerStaffHoursPerMonth).HasPrecision(18, 2);
            b.Property(x => x.AnnualRevenue).HasPrecision(18, 2);
            b.Property(x => x.Source).HasMaxLength(BusinessProfile.MaxSourceLength);
        });
        builder.Navigation(p => p.Baseline).IsRequired();
        builder.HasOne<Tenant>().WithMany().HasForeignKey(p => p.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => p.TenantId).IsUnique();
    }
}
