using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Data.Configurations;

internal sealed class PersonalDataBreachConfiguration : IEntityTypeConfiguration<PersonalDataBreach>
{
    public void Configure(EntityTypeBuilder<PersonalDataBreach> builder)
    {
        foreach (var text in new[] { nameof(PersonalDataBreach.Nature), nameof(PersonalDataBreach.DataCategories), nameof(PersonalDataBreach.LikelyConsequences), nameof(PersonalDataBreach.MeasuresTaken) })
        {
            builder.Property(text).HasMaxLength(PersonalDataBreach.MaxTextLength);
        }
        builder.Property(b => b.FlaggedBy).HasMaxLength(450);
        // Flags stored as their number: GDPR = 1, California = 2, China CAC = 4.
        builder.Property(b => b.Regimes).HasConversion<int>();
        // Restrict everywhere: the register is kept, and SQL Server refuses a second cascade path to one table.
        builder.HasOne<Tenant>().WithMany().HasForeignKey(b => b.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Incident>().WithMany().HasForeignKey(b => b.IncidentId).OnDelete(DeleteBehavior.Restrict);
        // One register row per incident.
        builder.HasIndex(b => b.IncidentId).IsUnique();
        // The register lists a tenant's breaches newest first.
        builder.HasIndex(b => new { b.TenantId, b.DetectedAt });
        builder.HasMany(b => b.Notifications).WithOne().HasForeignKey(n => n.BreachId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(b => b.Notifications).HasField("_notifications").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class BreachNotificationConfiguration : IEntityTypeConfiguration<BreachNotification>
{
    public void Configure(EntityTypeBuilder<BreachNotification> builder)
    {
        builder.Property(n => n.Recipient).HasConversion<string>().HasMaxLength(32);
        builder.Property(n => n.NotifiedWhom).HasMaxLength(BreachNotification.MaxWhomLength);
        builder.Property(n => n.Reference).HasMaxLength(BreachNotification.MaxWhomLength);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(n => n.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}
