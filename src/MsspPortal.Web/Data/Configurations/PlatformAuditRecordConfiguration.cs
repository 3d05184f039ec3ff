using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Data.Configurations;

internal sealed class PlatformAuditRecordConfiguration : IEntityTypeConfiguration<PlatformAuditRecord>
{
    public void Configure(EntityTypeBuilder<PlatformAuditRecord> builder)
    {
        builder.Property(r => r.Actor).HasMaxLength(PlatformAuditRecord.MaxActorLength);
        builder.Property(r => r.Action).HasMaxLength(64);
        builder.Property(r => r.TenantSlug).HasMaxLength(64);
        builder.Property(r => r.TenantName).HasMaxLength(200);
        // Deliberately no relationship to Tenant: the record must survive the tenant's deletion.
        builder.HasIndex(r => new { r.At, r.Id });
    }
}
