using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Data.Configurations;

internal sealed class ValueReportConfiguration : IEntityTypeConfiguration<ValueReport>
{
    public void Configure(EntityTypeBuilder<ValueReport> builder)
    {
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.PublishedBy).HasMaxLength(450);
        builder.Property(r => r.AcknowledgedBy).HasMaxLength(450);
        builder.Property(r => r.ContentHash).HasMaxLength(64);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(r => r.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(r => r.Disputes).WithOne(d => d.Report).HasForeignKey(d => d.ValueReportId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(r => r.Disputes).UsePropertyAccessMode(PropertyAccessMode.Field);
        // One report per tenant and month: a rebuild replaces the draft, never adds a second one.
        builder.HasIndex(r => new { r.TenantId, r.Month }).IsUnique();
    }
}

internal sealed class ValueReportDisputeConfiguration : IEntityTypeConfiguration<ValueReportDispute>
{
    public void Configure(EntityTypeBuilder<ValueReportDispute> builder)
    {
        builder.Property(d => d.FigureKey).HasMaxLength(ValueReportDispute.MaxFigureKeyLength);
        builder.Property(d => d.Comment).HasMaxLength(ValueReport.MaxCommentLength);
        builder.Property(d => d.By).HasMaxLength(450);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(d => d.TenantId).OnDelete(DeleteBehavior.Restrict);
        // The committee lists a tenant's disputes newest first.
        builder.HasIndex(d => new { d.TenantId, d.At });
    }
}
