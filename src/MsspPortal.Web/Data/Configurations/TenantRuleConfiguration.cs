using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Data.Configurations;

internal sealed class TenantRuleConfiguration : IEntityTypeConfiguration<TenantRule>
{
    public void Configure(EntityTypeBuilder<TenantRule> builder)
    {
        builder.Property(r => r.RuleId).HasMaxLength(100);
        builder.Property(r => r.Title).HasMaxLength(200);
        builder.Property(r => r.Author).HasMaxLength(200);
        builder.Property(r => r.Origin).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.SigmaYaml).HasMaxLength(20_000);
        builder.Property(r => r.FormJson).HasMaxLength(4000);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(r => r.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.TenantId, r.RuleId }).IsUnique();
    }
}
