using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Data.Configurations;

internal sealed class ReportedFigureConfiguration : IEntityTypeConfiguration<ReportedFigure>
{
    public void Configure(EntityTypeBuilder<ReportedFigure> builder)
    {
        builder.Property(f => f.Metric).HasConversion<string>().HasMaxLength(32);
        builder.Property(f => f.Channel).HasConversion<string>().HasMaxLength(16);
        builder.Property(f => f.Value).HasPrecision(20, 4);
        builder.Property(f => f.Note).HasMaxLength(ReportedFigure.MaxNoteLength);
        builder.Property(f => f.ReportedBy).HasMaxLength(450);
        builder.Property(f => f.CausalityConfirmedBy).HasMaxLength(450);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(f => f.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(f => new { f.TenantId, f.Metric, f.Month }).IsUnique();
    }
}
