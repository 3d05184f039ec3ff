using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Data.Configurations;

internal sealed class ValueAssumptionSetConfiguration : IEntityTypeConfiguration<ValueAssumptionSet>
{
    public void Configure(EntityTypeBuilder<ValueAssumptionSet> builder)
    {
        builder.Property(s => s.CreatedBy).HasMaxLength(450);
        builder.Property(s => s.Note).HasMaxLength(1000);
        builder.HasMany(s => s.Assumptions).WithOne().HasForeignKey(a => a.ValueAssumptionSetId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(s => s.Assumptions).HasField("_assumptions");
        builder.HasOne<Tenant>().WithMany().HasForeignKey(s => s.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => new { s.TenantId, s.Version }).IsUnique();
    }
}

internal sealed class ValueAssumptionConfiguration : IEntityTypeConfiguration<ValueAssumption>
{
    public void Configure(EntityTypeBuilder<ValueAssumption> builder)
    {
        builder.Property(a => a.Key).HasMaxLength(ValueAssumption.MaxKeyLength);
        builder.Property(a => a.Label).HasMaxLength(200);
        builder.Property(a => a.Distribution).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.Min).HasPrecision(18, 6);
        builder.Property(a => a.MostLikely).HasPrecision(18, 6);
        builder.Property(a => a.Max).HasPrecision(18, 6);
        builder.Property(a => a.Unit).HasMaxLength(32);
        builder.Property(a => a.Source).HasMaxLength(ValueAssumption.MaxSourceLength);
        builder.Property(a => a.ApprovedBy).HasMaxLength(450);
        builder.HasIndex(a => new { a.ValueAssumptionSetId, a.Key }).IsUnique();
        builder.HasIndex(a => a.TenantId);
    }
}
