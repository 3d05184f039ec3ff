using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Data.Configurations;

internal sealed class RawBatchChunkConfiguration : IEntityTypeConfiguration<RawBatchChunk>
{
    public void Configure(EntityTypeBuilder<RawBatchChunk> builder)
    {
        builder.HasOne<Tenant>().WithMany().HasForeignKey(c => c.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<RawBatch>().WithMany().HasForeignKey(c => c.BatchId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.BatchId, c.Sequence }).IsUnique();
    }
}
