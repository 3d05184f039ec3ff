using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Core.Privacy;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Pipeline;

// The masker of a tenant, built from its PrivacySettings (or the tenant default) and kept until the settings change:
// each batch reads one timestamp, not the rules. An entry point: the masking page shows how a line would be stored.
[PipelineEntryPoint]
public sealed class MaskingPolicies(PseudonymKeys keys, PhoneFinder phones)
{
    private readonly ConcurrentDictionary<Guid, (DateTimeOffset Version, ChunkMasker Masker)> _cache = new();

    private readonly Lazy<LineMasker> _platform = new(() => new LineMasker(MaskingPolicy.PlatformDefault, phones: phones));

    // For lines that belong to no tenant (samples from unknown syslog senders).
    public LineMasker Platform => _platform.Value;

    public async Task<ChunkMasker> ForTenantAsync(PortalDbContext db, Guid tenantId, CancellationToken cancellationToken)
    {
        var settings = await db.PrivacySettings.AsNoTracking().Where(p => p.TenantId == tenantId).FirstOrDefaultAsync(cancellationToken);
        var version = settings?.UpdatedAt ?? DateTimeOffset.MinValue;
        if (_cache.TryGetValue(tenantId, out var cached) && cached.Version == version)
        {
            return cached.Masker;
        }
        var policy = settings?.ToPolicy() ?? MaskingPolicy.TenantDefault;
        var pseudonymizer = policy.Uses(MaskMode.Pseudonymize) ? new HmacPseudonymizer(keys.ForTenant(tenantId)) : null;
        var masker = new ChunkMasker(new LineMasker(policy, pseudonymizer, phones));
        _cache[tenantId] = (version, masker);
        return masker;
    }
}
