using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Data.Configurations;

internal sealed class SavedViewConfiguration : IEntityTypeConfiguration<SavedView>
{
    public void Configure(EntityTypeBuilder<SavedView> builder)
    {
        builder.Property(v => v.Name).HasMaxLength(100);
        builder.Property(v => v.Query).HasMaxLength(1000);
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(v => v.OwnerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(v => new { v.OwnerId, v.Name });
        builder.HasIndex(v => v.Shared);
    }
}
