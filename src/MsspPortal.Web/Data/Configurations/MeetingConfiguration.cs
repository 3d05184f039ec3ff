using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Data.Configurations;

internal sealed class MeetingConfiguration : IEntityTypeConfiguration<Meeting>
{
    public void Configure(EntityTypeBuilder<Meeting> builder)
    {
        builder.Property(m => m.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.Title).HasMaxLength(300);
        builder.Property(m => m.TimeZone).HasMaxLength(64);
        builder.Property(m => m.Location).HasMaxLength(500);
        builder.Property(m => m.ClosedBy).HasMaxLength(450);
        builder.Property(m => m.CalendarUid).HasMaxLength(100);
        builder.Property(m => m.Minutes).HasMaxLength(Meeting.MaxMinutesLength);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(m => m.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<JointCommittee>().WithMany().HasForeignKey(m => m.CommitteeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Incident>().WithMany().HasForeignKey(m => m.IncidentId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(m => m.Agenda).WithOne().HasForeignKey(a => a.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(m => m.Agenda).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(m => m.Attendance).WithOne().HasForeignKey(a => a.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(m => m.Attendance).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasIndex(m => new { m.TenantId, m.ScheduledAt });
        builder.HasIndex(m => m.CalendarUid).IsUnique();
    }
}

internal sealed class AgendaItemConfiguration : IEntityTypeConfiguration<AgendaItem>
{
    public void Configure(EntityTypeBuilder<AgendaItem> builder)
    {
        builder.Property(a => a.Source).HasConversion<string>().HasMaxLength(24);
        builder.Property(a => a.Title).HasMaxLength(300);
        builder.Property(a => a.Detail).HasMaxLength(2000);
        builder.Property(a => a.Link).HasMaxLength(500);
        builder.Property(a => a.Notes).HasMaxLength(4000);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(a => a.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.MeetingId, a.Position });
    }
}

internal sealed class MeetingAttendanceConfiguration : IEntityTypeConfiguration<MeetingAttendance>
{
    public void Configure(EntityTypeBuilder<MeetingAttendance> builder)
    {
        builder.HasOne<Tenant>().WithMany().HasForeignKey(a => a.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CommitteeMember>().WithMany().HasForeignKey(a => a.MemberId).OnDelete(DeleteBehavior.ClientCascade);
        builder.HasIndex(a => new { a.MeetingId, a.MemberId }).IsUnique();
    }
}
