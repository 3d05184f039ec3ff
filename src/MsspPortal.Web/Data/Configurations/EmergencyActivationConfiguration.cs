using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Data.Configurations;

internal sealed class EmergencyActivationConfiguration : IEntityTypeConfiguration<EmergencyActivation>
{
    public void Configure(EntityTypeBuilder<EmergencyActivation> builder)
    {
        builder.Property(a => a.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.Reason).HasMaxLength(500);
        builder.Property(a => a.DeclaredBy).HasMaxLength(450);
        builder.Property(a => a.ReviewSummary).HasMaxLength(8000);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(a => a.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<JointCommittee>().WithMany().HasForeignKey(a => a.CommitteeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Incident>().WithMany().HasForeignKey(a => a.IncidentId).OnDelete(DeleteBehavior.ClientSetNull);
        builder.HasOne<Alert>().WithMany().HasForeignKey(a => a.AlertId).OnDelete(DeleteBehavior.ClientSetNull);
        builder.HasOne<Meeting>().WithMany().HasForeignKey(a => a.MeetingId).OnDelete(DeleteBehavior.ClientSetNull);
        builder.HasMany(a => a.Pages).WithOne().HasForeignKey(p => p.ActivationId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(a => a.Pages).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(a => a.Updates).WithOne().HasForeignKey(u => u.ActivationId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(a => a.Updates).UsePropertyAccessMode(PropertyAccessMode.Field);
        // The activation job looks at the active ones only.
        builder.HasIndex(a => new { a.State, a.DeclaredAt });
        builder.HasIndex(a => new { a.TenantId, a.DeclaredAt });
    }
}

internal sealed class CommitteePageConfiguration : IEntityTypeConfiguration<CommitteePage>
{
    public void Configure(EntityTypeBuilder<CommitteePage> builder)
    {
        builder.Property(p => p.Side).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.Reason).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(p => p.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CommitteeMember>().WithMany().HasForeignKey(p => p.MemberId).OnDelete(DeleteBehavior.ClientCascade);
        builder.HasIndex(p => new { p.MemberId, p.AcknowledgedAt });
    }
}

internal sealed class ActivationStatusUpdateConfiguration : IEntityTypeConfiguration<ActivationStatusUpdate>
{
    public void Configure(EntityTypeBuilder<ActivationStatusUpdate> builder)
    {
        builder.Property(u => u.Text).HasMaxLength(4000);
        builder.Property(u => u.By).HasMaxLength(450);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(u => u.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RetrospectiveConfiguration : IEntityTypeConfiguration<Retrospective>
{
    public void Configure(EntityTypeBuilder<Retrospective> builder)
    {
        builder.Property(r => r.Lessons).HasMaxLength(Retrospective.MaxNotesLength);
        builder.Property(r => r.StrategyChanges).HasMaxLength(Retrospective.MaxNotesLength);
        builder.Property(r => r.ContentHash).HasMaxLength(64);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(r => r.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<JointCommittee>().WithMany().HasForeignKey(r => r.CommitteeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Meeting>().WithMany().HasForeignKey(r => r.MeetingId).OnDelete(DeleteBehavior.ClientSetNull);
        builder.HasMany(r => r.Signatures).WithOne().HasForeignKey(s => s.RetrospectiveId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(r => r.Signatures).UsePropertyAccessMode(PropertyAccessMode.Field);
        // Computed from Signatures; by convention EF took it for a second navigation (a RetrospectiveId1 column) and
        // threw on the first signature saved.
        builder.Ignore(r => r.ValidSignatures);
        builder.HasIndex(r => new { r.TenantId, r.Year, r.Quarter }).IsUnique();
    }
}

internal sealed class RetrospectiveSignatureConfiguration : IEntityTypeConfiguration<RetrospectiveSignature>
{
    public void Configure(EntityTypeBuilder<RetrospectiveSignature> builder)
    {
        builder.Property(s => s.UserId).HasMaxLength(450);
        builder.Property(s => s.Name).HasMaxLength(200);
        builder.Property(s => s.Side).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.ContentHash).HasMaxLength(64);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(s => s.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CommitteeMember>().WithMany().HasForeignKey(s => s.MemberId).OnDelete(DeleteBehavior.ClientCascade);
    }
}
