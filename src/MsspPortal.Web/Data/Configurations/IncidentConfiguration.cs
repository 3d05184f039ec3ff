using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Data.Configurations;

internal sealed class IncidentConfiguration : IEntityTypeConfiguration<Incident>
{
    public void Configure(EntityTypeBuilder<Incident> builder)
    {
        builder.Property(i => i.Title).HasMaxLength(200);
        builder.Property(i => i.Severity).HasConversion<int>();
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(24);
        builder.Property(i => i.BusinessImpact).HasMaxLength(4000);
        builder.Property(i => i.LossSource).HasMaxLength(Incident.MaxLossSourceLength);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(i => i.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(i => i.OwnerId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<BusinessService>().WithMany().HasForeignKey(i => i.BusinessServiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(i => i.History).WithOne().HasForeignKey(h => h.IncidentId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(i => i.History).HasField("_history").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(i => i.Tasks).WithOne().HasForeignKey(t => t.IncidentId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(i => i.Tasks).HasField("_tasks").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasIndex(i => new { i.TenantId, i.OpenedAt });
        // The incident list pages newest first over every tenant in reach.
        builder.HasIndex(i => new { i.OpenedAt, i.Id });
    }
}
