using System.Reflection;
using System.Text.Json;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Features.Offboarding;

// The verified deletion of a tenant when its contract ends: rows counted per table, every tenant-owned row deleted
// (children first, in batches), the memberships and the tenant row, counted again, all recorded in a
// PlatformAuditRecord that outlives the tenant (decision 0009). Confirm must repeat the slug.
public sealed record DeleteTenant(string Slug, string Confirm, string Actor) : ICommand<TenantDeletion>;

public sealed record TenantDeletion(Guid TenantId, string Slug, long RecordId, IReadOnlyDictionary<string, long> Before,
    IReadOnlyDictionary<string, long> After)
{
    public bool Verified => After.Values.All(n => n == 0);
}

public sealed class DeleteTenantValidator : AbstractValidator<DeleteTenant>
{
    public DeleteTenantValidator()
    {
        RuleFor(c => c.Slug).NotEmpty().MaximumLength(64);
        RuleFor(c => c.Confirm).Equal(c => c.Slug).WithMessage("Type the tenant's slug to confirm its deletion.");
        RuleFor(c => c.Actor).NotEmpty();
    }
}

internal sealed class DeleteTenantHandler(PortalDbContext db, ITenantContext tenantScope, TimeProvider clock)
    : ICommandHandler<DeleteTenant, TenantDeletion>
{
    public const string Action = "tenant.deleted";

    // Small enough that each statement holds SQLite's one write lock briefly: ingestion for other tenants carries on.
    internal const int BatchSize = 5_000;

    private const string TenantTable = "Tenants";

    private static readonly MethodInfo CountMethod = Method(nameof(CountAsync));
    private static readonly MethodInfo DeleteMethod = Method(nameof(DeleteAsync));
    private static readonly MethodInfo NullMethod = Method(nameof(NullReferenceAsync));

    public async ValueTask<TenantDeletion> Handle(DeleteTenant command, CancellationToken cancellationToken)
    {
        // Checked here too: the validator is a pipeline behaviour, the handler must not depend on it being there.
        if (!string.Equals(command.Confirm, command.Slug, StringComparison.Ordinal))
        {
            throw new ValidationException("Type the tenant's slug to confirm its deletion.");
        }
        // Deleting a tenant is a platform act: only a scope that sees every tenant may do it.
        if (!tenantScope.SeesAllTenants)
        {
            throw new UnauthorizedAccessException("Deleting a tenant needs the platform-wide scope.");
        }
        var tenant = await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Slug == command.Slug, cancellationToken)
            ?? throw new TenantNotFoundException(command.Slug);

        var (tables, nullFirst) = TenantTables.InDeleteOrder(db.Model);
        var before = await CountAllAsync(tables, tenant.Id, cancellationToken);

        // Written before the first delete: a deletion that stops half-way still leaves its record (without CompletedAt).
        var record = PlatformAuditRecord.Start(Action, command.Actor, tenant,
            JsonSerializer.Serialize(new Details(before, null)), clock.GetUtcNow());
        db.PlatformAuditRecords.Add(record);
        await db.SaveChangesAsync(cancellationToken);

        foreach (var fk in nullFirst)
        {
            var property = fk.Properties.Single();
            await (Task)NullMethod.MakeGenericMethod(fk.DeclaringEntityType.ClrType, property.ClrType)
                .Invoke(null, [db, property.Name, tenant.Id, cancellationToken])!;
        }
        foreach (var table in tables)
        {
            await (Task)DeleteMethod.MakeGenericMethod(table.ClrType).Invoke(null, [db, table.EntityType, tenant.Id, cancellationToken])!;
        }
        // The tenant row through SaveChanges, where the write guard sees it (bulk writes to Tenants are refused).
        db.Tenants.Remove(await db.Tenants.SingleAsync(t => t.Id == tenant.Id, cancellationToken));
        await db.SaveChangesAsync(cancellationToken);

        // Counted again by new queries, not derived from the deletes' own row counts.
        var after = await CountAllAsync(tables, tenant.Id, cancellationToken);
        record.Complete(JsonSerializer.Serialize(new Details(before, after)), clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return new TenantDeletion(tenant.Id, tenant.Slug, record.Id, before, after);
    }

    private async Task<Dictionary<string, long>> CountAllAsync(IReadOnlyList<TenantTable> tables, Guid tenantId, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in tables.OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            counts[table.Name] = await (Task<long>)CountMethod.MakeGenericMethod(table.ClrType).Invoke(null, [db, tenantId, cancellationToken])!;
        }
        counts[TenantTable] = await db.Tenants.LongCountAsync(t => t.Id == tenantId, cancellationToken);
        return counts;
    }

    private static Task<long> CountAsync<T>(PortalDbContext db, Guid tenantId, CancellationToken cancellationToken)
        where T : class, ITenantOwned =>
        db.Set<T>().LongCountAsync(e => e.TenantId == tenantId, cancellationToken);

    // Batches in key order until none is left; each batch is its own statement and transaction. Events have no foreign
    // key to the tenant (decision 0006): they are deleted here by TenantId like every other table, not by a cascade.
    private static async Task DeleteAsync<T>(PortalDbContext db, IEntityType entityType, Guid tenantId, CancellationToken cancellationToken)
        where T : class, ITenantOwned
    {
        while (await TenantTables.OrderByKey(db.Set<T>().Where(e => e.TenantId == tenantId), entityType)
            .Take(BatchSize).ExecuteDeleteAsync(cancellationToken) > 0)
        {
        }
    }

    private static async Task NullReferenceAsync<T, TValue>(PortalDbContext db, string property, Guid tenantId, CancellationToken cancellationToken)
        where T : class, ITenantOwned =>
        await db.Set<T>().Where(e => e.TenantId == tenantId)
            .ExecuteUpdateAsync(s => s.SetProperty(e => EF.Property<TValue>(e, property), default(TValue)), cancellationToken);

    private static MethodInfo Method(string name) =>
        typeof(DeleteTenantHandler).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)!;

    // The record's Details: rows per table (and the tenant row, "Tenants") before and after; after is null while running.
    internal sealed record Details(IReadOnlyDictionary<string, long> Before, IReadOnlyDictionary<string, long>? After);
}
