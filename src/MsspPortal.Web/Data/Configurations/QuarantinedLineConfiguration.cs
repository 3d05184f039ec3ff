using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Data.Configurations;

internal sealed class QuarantinedLineConfiguration : IEntityTypeConfiguration<QuarantinedLine>
{
    public void Configure(EntityTypeBuilder<QuarantinedLine> builder)
    {
        builder.Property(q => q.Reason).HasMaxLength(500);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(q => q.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<LogSource>().WithMany().HasForeignKey(q => q.LogSourceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<RawBatch>().WithMany().HasForeignKey(q => q.BatchId).OnDelete(DeleteBehavior.Restrict);
        // Shown per source, newest first; a line is quarantined once per batch.
        builder.HasIndex(q => new { q.TenantId, q.LogSourceId, q.ReceivedAt });
        builder.HasIndex(q => new { q.BatchId, q.LineNumber }).IsUnique();
    }
}
