using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Data;

internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerPortalDbContext>
{
    public SqlServerPortalDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerPortalDbContext>().UseSqlServer("Server=design-time;Database=MsspPortal;Trusted_Connection=False").Options, new TenantContext());
}
