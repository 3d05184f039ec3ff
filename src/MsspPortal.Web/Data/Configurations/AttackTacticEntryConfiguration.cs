using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Data.Configurations;

internal sealed class AttackTacticEntryConfiguration : IEntityTypeConfiguration<AttackTacticEntry>
{
    public void Configure(EntityTypeBuilder<AttackTacticEntry> builder)
    {
        builder.ToTable("AttackTactics");
        builder.Property(t => t.Id).HasMaxLength(16);
        builder.Property(t => t.Name).HasMaxLength(100);
        builder.Property(t => t.ShortName).HasMaxLength(100);
    }
}
