using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Infrastructure.Auth;

namespace MsspPortal.Web.Pipeline;

[PipelineEntryPoint]
public sealed record AuthenticatedSource(Guid TenantId, long LogSourceId, string Name);

// Turns an ingestion key into its log source. The key alone decides tenant and source: nothing in the request body
// can choose them. Lookup by the clear prefix, then a constant-time hash comparison.
[PipelineEntryPoint]
public sealed class LogSourceKeys(PortalDbContext db)
{
    public async Task<AuthenticatedSource?> AuthenticateAsync(string? authorization, CancellationToken cancellationToken)
    {
        const string scheme = "Bearer ";
        if (authorization is null || !authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var key = authorization[scheme.Length..].Trim();
        if (key.Length < ApiKeyHasher.PrefixLength || key.Length > 200)
        {
            return null;
        }
        var prefix = ApiKeyHasher.PrefixOf(key);
        // Before authentication there is no tenant scope to read within: the key is what establishes it.
        var source = await db.LogSources.IgnoreQueryFilters([PortalDbContext.TenantFilter]).AsNoTracking()
            .Where(s => s.ApiKeyPrefix == prefix)
            .Select(s => new { s.TenantId, s.Id, s.Name, s.ApiKeyHash })
            .FirstOrDefaultAsync(cancellationToken);
        return source is not null && ApiKeyHasher.Verify(key, source.ApiKeyHash)
            ? new AuthenticatedSource(source.TenantId, source.Id, source.Name)
            : null;
    }
}
