using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Data.Configurations;

internal sealed class CommitteeMemberConfiguration : IEntityTypeConfiguration<CommitteeMember>
{
    public void Configure(EntityTypeBuilder<CommitteeMember> builder)
    {
        builder.Property(m => m.Name).HasMaxLength(200);
        builder.Property(m => m.Title).HasMaxLength(100);
        builder.Property(m => m.Email).HasMaxLength(256);
        builder.Property(m => m.Side).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.Role).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(m => m.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<JointCommittee>().WithMany().HasForeignKey(m => m.CommitteeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<CommitteeMember>().WithMany().HasForeignKey(m => m.AlternateForId).OnDelete(DeleteBehavior.ClientSetNull);
        builder.HasIndex(m => new { m.TenantId, m.UserId });
    }
}

internal sealed class CommitteeResponsibilityConfiguration : IEntityTypeConfiguration<CommitteeResponsibility>
{
    public void Configure(EntityTypeBuilder<CommitteeResponsibility> builder)
    {
        builder.Property(r => r.Area).HasConversion<string>().HasMaxLength(24);
        builder.Property(r => r.Raci).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(r => r.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<JointCommittee>().WithMany().HasForeignKey(r => r.CommitteeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<CommitteeMember>().WithMany().HasForeignKey(r => r.MemberId).OnDelete(DeleteBehavior.ClientCascade);
        builder.HasIndex(r => new { r.CommitteeId, r.Area, r.MemberId }).IsUnique();
    }
}

internal sealed class CommitteeGoalConfiguration : IEntityTypeConfiguration<CommitteeGoal>
{
    public void Configure(EntityTypeBuilder<CommitteeGoal> builder)
    {
        builder.Property(g => g.Title).HasMaxLength(300);
        builder.Property(g => g.MeasureKey).HasMaxLength(100);
        builder.Property(g => g.Unit).HasMaxLength(32);
        builder.Property(g => g.MeasuredFrom).HasMaxLength(500);
        builder.Property(g => g.Comparison).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(g => g.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<JointCommittee>().WithMany().HasForeignKey(g => g.CommitteeId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CommitteeDecisionConfiguration : IEntityTypeConfiguration<CommitteeDecision>
{
    public void Configure(EntityTypeBuilder<CommitteeDecision> builder)
    {
        builder.Property(d => d.Text).HasMaxLength(CommitteeDecision.MaxTextLength);
        builder.Property(d => d.DecidedBy).HasMaxLength(200);
        builder.Property(d => d.RecordedBy).HasMaxLength(450);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(d => d.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<JointCommittee>().WithMany().HasForeignKey(d => d.CommitteeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Meeting>().WithMany().HasForeignKey(d => d.MeetingId).OnDelete(DeleteBehavior.ClientSetNull);
        builder.HasOne<EmergencyActivation>().WithMany().HasForeignKey(d => d.ActivationId).OnDelete(DeleteBehavior.ClientSetNull);
        builder.HasOne<Incident>().WithMany().HasForeignKey(d => d.IncidentId).OnDelete(DeleteBehavior.ClientSetNull);
        builder.HasOne<CommitteeMember>().WithMany().HasForeignKey(d => d.DecidedByMemberId).OnDelete(DeleteBehavior.ClientSetNull);
        builder.HasIndex(d => new { d.TenantId, d.DecidedAt });
    }
}

internal sealed class CalendarFeedConfiguration : IEntityTypeConfiguration<CalendarFeed>
{
    public void Configure(EntityTypeBuilder<CalendarFeed> builder)
    {
        builder.Property(f => f.UserId).HasMaxLength(450);
        builder.Property(f => f.TokenHash).HasMaxLength(64);
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(f => f.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(f => f.TokenHash).IsUnique();
    }
}
