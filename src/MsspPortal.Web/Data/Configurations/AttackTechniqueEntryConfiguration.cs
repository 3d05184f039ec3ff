using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Data.Configurations;

internal sealed class AttackTechniqueEntryConfiguration : IEntityTypeConfiguration<AttackTechniqueEntry>
{
    public void Configure(EntityTypeBuilder<AttackTechniqueEntry> builder)
    {
        builder.ToTable("AttackTechniques");
        builder.Property(t => t.Id).HasMaxLength(16);
        builder.Property(t => t.Name).HasMaxLength(200);
        builder.Property(t => t.TacticIds).HasMaxLength(200);
    }
}
