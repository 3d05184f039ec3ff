using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Data;

// `dotnet ef migrations add` builds each provider's context here, without starting the app or touching a server.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqlitePortalDbContext>
{
    public SqlitePortalDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlitePortalDbContext>().UseSqlite("Data Source=design-time.db").Options, new TenantContext());
}
