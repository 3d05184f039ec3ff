using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Data.Configurations;

internal sealed class UnknownSyslogSenderConfiguration : IEntityTypeConfiguration<UnknownSyslogSender>
{
    public void Configure(EntityTypeBuilder<UnknownSyslogSender> builder)
    {
        builder.Property(u => u.Address).HasMaxLength(45);
        builder.Property(u => u.LastSample).HasMaxLength(512);
        builder.HasIndex(u => u.Address).IsUnique();
    }
}
