using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Data.Configurations;

internal sealed class TenantRuleSettingConfiguration : IEntityTypeConfiguration<TenantRuleSetting>
{
    public void Configure(EntityTypeBuilder<TenantRuleSetting> builder)
    {
        builder.Property(s => s.RuleId).HasMaxLength(100);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(s => s.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => new { s.TenantId, s.RuleId }).IsUnique();
    }
}
