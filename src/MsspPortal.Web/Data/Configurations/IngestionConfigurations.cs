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

internal sealed class RawBatchChunkConfiguration : IEntityTypeConfiguration<RawBatchChunk>
{
    public void Configure(EntityTypeBuilder<RawBatchChunk> builder)
    {
        builder.HasOne<Tenant>().WithMany().HasForeignKey(c => c.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<RawBatch>().WithMany().HasForeignKey(c => c.BatchId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.BatchId, c.Sequence }).IsUnique();
    }
}

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

internal sealed class UnknownSyslogSenderConfiguration : IEntityTypeConfiguration<UnknownSyslogSender>
{
    public void Configure(EntityTypeBuilder<UnknownSyslogSender> builder)
    {
        builder.Property(u => u.Address).HasMaxLength(45);
        builder.Property(u => u.LastSample).HasMaxLength(512);
        builder.HasIndex(u => u.Address).IsUnique();
    }
}
