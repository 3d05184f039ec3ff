using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Data.Configurations;

internal sealed class MsspIntelIndicatorConfiguration : IEntityTypeConfiguration<MsspIntelIndicator>
{
    public void Configure(EntityTypeBuilder<MsspIntelIndicator> builder)
    {
        builder.Property(i => i.ListName).HasMaxLength(100);
        builder.Property(i => i.Type).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.Value).HasMaxLength(2048);
        builder.Property(i => i.Description).HasMaxLength(1000);
        builder.HasIndex(i => i.ListName);
    }
}
