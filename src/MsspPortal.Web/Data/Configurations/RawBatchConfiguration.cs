using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Data.Configurations;

internal sealed class RawBatchConfiguration : IEntityTypeConfiguration<RawBatch>
{
    public void Configure(EntityTypeBuilder<RawBatch> builder)
    {
        builder.Property(b => b.Channel).HasConversion<string>().HasMaxLength(16);
        builder.Property(b => b.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(b => b.ContentHash).HasMaxLength(64);
        builder.Property(b => b.LastError).HasMaxLength(2000);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(b => b.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<LogSource>().WithMany().HasForeignKey(b => b.LogSourceId).OnDelete(DeleteBehavior.Restrict);
        // The sweep looks for unfinished batches; duplicate detection looks a hash up per source.
        builder.HasIndex(b => new { b.State, b.ReceivedAt });
        builder.HasIndex(b => new { b.LogSourceId, b.ContentHash });
        builder.HasIndex(b => new { b.TenantId, b.ReceivedAt });
    }
}
