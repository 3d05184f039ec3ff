using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Data.Configurations;

internal sealed class AlertSuppressionConfiguration : IEntityTypeConfiguration<AlertSuppression>
{
    public void Configure(EntityTypeBuilder<AlertSuppression> builder)
    {
        builder.Property(s => s.RuleId).HasMaxLength(100);
        builder.Property(s => s.Field).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.Value).HasMaxLength(256);
        builder.Property(s => s.CreatedBy).HasMaxLength(450);
        builder.Property(s => s.Reason).HasMaxLength(AlertSuppression.MaxReasonLength);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(s => s.TenantId).OnDelete(DeleteBehavior.Restrict);
        // Detection loads a tenant's active suppressions with its profile; the alert page lists a rule's.
        builder.HasIndex(s => new { s.TenantId, s.Until });
        builder.HasIndex(s => new { s.TenantId, s.RuleId, s.Until });
    }
}
