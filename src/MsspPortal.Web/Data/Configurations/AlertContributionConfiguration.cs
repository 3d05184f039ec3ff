using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Data.Configurations;

internal sealed class AlertContributionConfiguration : IEntityTypeConfiguration<AlertContribution>
{
    public void Configure(EntityTypeBuilder<AlertContribution> builder)
    {
        builder.HasOne<Tenant>().WithMany().HasForeignKey(c => c.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(c => c.Alert).WithMany().HasForeignKey(c => c.AlertId).OnDelete(DeleteBehavior.Cascade);
        // SQL Server refuses two cascade paths into one table.
        builder.HasOne(c => c.Contributor).WithMany().HasForeignKey(c => c.ContributorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.AlertId, c.ContributorId }).IsUnique();
    }
}
