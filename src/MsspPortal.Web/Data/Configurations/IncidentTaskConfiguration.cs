using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Data.Configurations;

internal sealed class IncidentTaskConfiguration : IEntityTypeConfiguration<IncidentTask>
{
    public void Configure(EntityTypeBuilder<IncidentTask> builder)
    {
        builder.Property(t => t.Title).HasMaxLength(IncidentTask.MaxTitleLength);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(t => t.TenantId).OnDelete(DeleteBehavior.Restrict);
        // No database action: SQL Server refuses a second cascade path (user -> incident -> task) to the same table.
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(t => t.AssigneeId).OnDelete(DeleteBehavior.ClientSetNull);
    }
}
