using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Data.Configurations;

internal sealed class ActionItemConfiguration : IEntityTypeConfiguration<ActionItem>
{
    public void Configure(EntityTypeBuilder<ActionItem> builder)
    {
        builder.Property(a => a.Title).HasMaxLength(ActionItem.MaxTitleLength);
        builder.Property(a => a.Detail).HasMaxLength(4000);
        builder.Property(a => a.Outcome).HasMaxLength(2000);
        builder.Property(a => a.OwnerName).HasMaxLength(200);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.Origin).HasConversion<string>().HasMaxLength(24);
        builder.Property(a => a.Phase).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(a => a.TenantId).OnDelete(DeleteBehavior.Restrict);
        // An item outlives its origin: deleting a meeting, window or member leaves the item (the handler clears the
        // reference). ClientSetNull everywhere: SQL Server refuses several cascade paths from one table.
        builder.HasOne<Meeting>().WithMany().HasForeignKey(a => a.MeetingId).OnDelete(DeleteBehavior.ClientSetNull);
        builder.HasOne<Incident>().WithMany().HasForeignKey(a => a.IncidentId).OnDelete(DeleteBehavior.ClientSetNull);
        builder.HasOne<ValueReport>().WithMany().HasForeignKey(a => a.ValueReportId).OnDelete(DeleteBehavior.ClientSetNull);
        builder.HasOne<ProtectionWindow>().WithMany().HasForeignKey(a => a.ProtectionWindowId).OnDelete(DeleteBehavior.ClientSetNull);
        builder.HasOne<EmergencyActivation>().WithMany().HasForeignKey(a => a.ActivationId).OnDelete(DeleteBehavior.ClientSetNull);
        builder.HasOne<Retrospective>().WithMany().HasForeignKey(a => a.RetrospectiveId).OnDelete(DeleteBehavior.ClientSetNull);
        builder.HasOne<CommitteeMember>().WithMany().HasForeignKey(a => a.OwnerMemberId).OnDelete(DeleteBehavior.ClientSetNull);
        builder.HasIndex(a => new { a.TenantId, a.Status, a.DueOn });
        builder.HasIndex(a => new { a.TenantId, a.CreatedAt });
    }
}
