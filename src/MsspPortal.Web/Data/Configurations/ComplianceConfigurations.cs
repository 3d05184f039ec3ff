using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Data.Configurations;

internal sealed class TenantFrameworkConfiguration : IEntityTypeConfiguration<TenantFramework>
{
    public void Configure(EntityTypeBuilder<TenantFramework> builder)
    {
        builder.Property(f => f.FrameworkId).HasMaxLength(64);
        builder.Property(f => f.ScopeNote).HasMaxLength(TenantFramework.MaxScopeNoteLength);
        builder.Property(f => f.UpdatedBy).HasMaxLength(450);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(f => f.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(f => new { f.TenantId, f.FrameworkId }).IsUnique();
    }
}

internal sealed class ControlAssessmentConfiguration : IEntityTypeConfiguration<ControlAssessment>
{
    public void Configure(EntityTypeBuilder<ControlAssessment> builder)
    {
        builder.Property(a => a.FrameworkId).HasMaxLength(64);
        builder.Property(a => a.ControlId).HasMaxLength(64);
        builder.Property(a => a.Owner).HasMaxLength(ControlAssessment.MaxOwnerLength);
        builder.Property(a => a.NotApplicableReason).HasMaxLength(ControlAssessment.MaxReasonLength);
        builder.Property(a => a.UpdatedBy).HasMaxLength(450);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(a => a.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.TenantId, a.FrameworkId, a.ControlId }).IsUnique();
    }
}

internal sealed class ManualEvidenceConfiguration : IEntityTypeConfiguration<ManualEvidence>
{
    public void Configure(EntityTypeBuilder<ManualEvidence> builder)
    {
        builder.Property(e => e.FrameworkId).HasMaxLength(64);
        builder.Property(e => e.ControlId).HasMaxLength(64);
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.Title).HasMaxLength(ManualEvidence.MaxTitleLength);
        builder.Property(e => e.FileName).HasMaxLength(255);
        builder.Property(e => e.ContentType).HasMaxLength(100);
        builder.Property(e => e.AttestationText).HasMaxLength(ManualEvidence.MaxTextLength);
        builder.Property(e => e.Owner).HasMaxLength(ControlAssessment.MaxOwnerLength);
        builder.Property(e => e.AddedBy).HasMaxLength(450);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(e => e.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => new { e.TenantId, e.FrameworkId, e.ControlId });
    }
}

internal sealed class ComplianceCheckConfiguration : IEntityTypeConfiguration<ComplianceCheck>
{
    public void Configure(EntityTypeBuilder<ComplianceCheck> builder)
    {
        builder.Property(c => c.FrameworkId).HasMaxLength(64);
        builder.Property(c => c.FrameworkVersion).HasMaxLength(64);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(c => c.TenantId).OnDelete(DeleteBehavior.Restrict);
        // One frozen check per tenant, framework and month: a second run cannot write another.
        builder.HasIndex(c => new { c.TenantId, c.FrameworkId, c.Month }).IsUnique();
        builder.HasMany(c => c.Results).WithOne().HasForeignKey(r => r.CheckId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Results).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class ComplianceCheckResultConfiguration : IEntityTypeConfiguration<ComplianceCheckResult>
{
    public void Configure(EntityTypeBuilder<ComplianceCheckResult> builder)
    {
        builder.Property(r => r.ControlId).HasMaxLength(64);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.PreviousStatus).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Automation).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Reason).HasMaxLength(ComplianceCheckResult.MaxReasonLength);
        builder.Property(r => r.EvidenceSummary).HasMaxLength(ComplianceCheckResult.MaxReasonLength);
        builder.Ignore(r => r.Changed);
        // The tenant is also reachable through the check; SQL Server refuses a second cascade path.
        builder.HasOne<Tenant>().WithMany().HasForeignKey(r => r.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class LicensedControlTextConfiguration : IEntityTypeConfiguration<LicensedControlText>
{
    public void Configure(EntityTypeBuilder<LicensedControlText> builder)
    {
        builder.Property(t => t.FrameworkId).HasMaxLength(64);
        builder.Property(t => t.ControlId).HasMaxLength(64);
        builder.Property(t => t.Text).HasMaxLength(LicensedControlText.MaxTextLength);
        builder.Property(t => t.ImportedBy).HasMaxLength(450);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(t => t.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(t => new { t.TenantId, t.FrameworkId, t.ControlId }).IsUnique();
    }
}

internal sealed class EvidencePackRecordConfiguration : IEntityTypeConfiguration<EvidencePackRecord>
{
    public void Configure(EntityTypeBuilder<EvidencePackRecord> builder)
    {
        builder.Property(p => p.FrameworkId).HasMaxLength(64);
        builder.Property(p => p.GeneratedBy).HasMaxLength(450);
        builder.Property(p => p.Sha256).HasMaxLength(64);
        builder.Ignore(p => p.AutomatedShare);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(p => p.TenantId).OnDelete(DeleteBehavior.Restrict);
        // The value model reads a tenant's packs of a month.
        builder.HasIndex(p => new { p.TenantId, p.GeneratedAt });
    }
}
