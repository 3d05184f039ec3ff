using System.Globalization;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Audit;
using MsspPortal.Web.Infrastructure.Auth;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Features.Retention;

public sealed record GetRetention(Guid TenantId) : IQuery<RetentionPage?>;

public sealed record RetentionPage(Guid TenantId, string TenantName, SaveRetention Form, IReadOnlyList<RetentionPage.Row> Rows)
{
    public sealed record Row(RetentionKind Kind, string Label, int DefaultMonths, bool IsDefault, DateTimeOffset? UpdatedAt, string? UpdatedBy,
        DateTimeOffset? LastRunAt, long? LastRunDeleted, string? LastRunBefore);
}

// The whole form: which floors apply, and months with a justification per kind. Posted as it was typed, so a refused
// form shows back exactly that.
public sealed record SaveRetention : ICommand<bool>
{
    public Guid TenantId { get; init; }

    public bool PciDss { get; init; }

    public bool ChinaCsl { get; init; }

    public List<RetentionSetting> Settings { get; init; } = [];
}

public sealed record RetentionSetting
{
    public RetentionKind Kind { get; init; }

    public int Months { get; init; }

    public string? Justification { get; init; }
}

public sealed class SaveRetentionValidator : AbstractValidator<SaveRetention>
{
    public SaveRetentionValidator(ITenantContext tenant)
    {
        RuleFor(f => f.TenantId).Must(tenant.CanAccess).WithMessage("Choose one of your tenants.");
        RuleFor(f => f.Settings).Must(s => s.Select(x => x.Kind).Distinct().Count() == s.Count && s.All(x => Enum.IsDefined(x.Kind)))
            .WithMessage("Each kind of data once.");
        RuleForEach(f => f.Settings).Custom((setting, context) =>
        {
            var label = RetentionKinds.Label(setting.Kind);
            if (setting.Months is < RetentionKinds.MinMonths or > RetentionKinds.MaxMonths)
            {
                context.AddFailure($"{label}: keep between {RetentionKinds.MinMonths} and {RetentionKinds.MaxMonths} months.");
                return;
            }
            if ((setting.Justification?.Length ?? 0) > 1000)
            {
                context.AddFailure($"{label}: the justification is at most 1,000 characters.");
            }
            var form = context.InstanceToValidate;
            // Below a floor that applies: refused unless the reason is written down (it is kept with the setting).
            if (RetentionFloors.For(setting.Kind, form.PciDss, form.ChinaCsl) is { } floor && setting.Months < floor.Months
                && string.IsNullOrWhiteSpace(setting.Justification))
            {
                context.AddFailure(string.Create(CultureInfo.InvariantCulture,
                    $"{label}: {setting.Months} months is below the {floor.Framework} floor of {floor.Months} months ({floor.Source}: {floor.Why}). Record a justification to keep less."));
            }
        });
    }
}

internal sealed class GetRetentionHandler(PortalDbContext db) : IQueryHandler<GetRetention, RetentionPage?>
{
    public async ValueTask<RetentionPage?> Handle(GetRetention query, CancellationToken cancellationToken)
    {
        var name = await db.Tenants.Where(t => t.Id == query.TenantId).Select(t => t.Name).FirstOrDefaultAsync(cancellationToken);
        if (name is null)
        {
            return null;
        }
        var policies = await db.RetentionPolicies.AsNoTracking().Where(p => p.TenantId == query.TenantId).ToListAsync(cancellationToken);
        var scope = await db.RetentionScopes.AsNoTracking().FirstOrDefaultAsync(s => s.TenantId == query.TenantId, cancellationToken);
        var runs = await db.AuditEntries.AsNoTracking()
            .Where(a => a.TenantId == query.TenantId && a.Action == ApplyRetentionHandler.AuditAction)
            .GroupBy(a => a.EntityType).Select(g => g.OrderByDescending(a => a.At).ThenByDescending(a => a.Id).First())
            .ToListAsync(cancellationToken);
        var rows = new List<RetentionPage.Row>();
        var settings = new List<RetentionSetting>();
        foreach (var kind in RetentionKinds.All)
        {
            var policy = policies.FirstOrDefault(p => p.Kind == kind);
            var run = runs.FirstOrDefault(r => r.EntityType == kind.ToString());
            var (deleted, before) = run is null ? (null, null) : RetentionAudit.Parse(run.EntityId);
            rows.Add(new RetentionPage.Row(kind, RetentionKinds.Label(kind), RetentionKinds.DefaultMonths(kind), policy is null, policy?.UpdatedAt,
                policy?.UpdatedBy, run?.At, deleted, before));
            settings.Add(new RetentionSetting { Kind = kind, Months = policy?.Months ?? RetentionKinds.DefaultMonths(kind), Justification = policy?.Justification });
        }
        var form = new SaveRetention { TenantId = query.TenantId, PciDss = scope?.PciDss ?? false, ChinaCsl = scope?.ChinaCsl ?? false, Settings = settings };
        return new RetentionPage(query.TenantId, name, form, rows);
    }
}

internal sealed class SaveRetentionHandler(PortalDbContext db, TimeProvider clock, ICurrentUser user, AuditLog audit) : ICommandHandler<SaveRetention, bool>
{
    public async ValueTask<bool> Handle(SaveRetention command, CancellationToken cancellationToken)
    {
        if (!await db.Tenants.AnyAsync(t => t.Id == command.TenantId, cancellationToken))
        {
            return false;
        }
        var now = clock.GetUtcNow();
        var by = user.Id ?? "system";
        var scope = await db.RetentionScopes.FirstOrDefaultAsync(s => s.TenantId == command.TenantId, cancellationToken);
        if (scope is null)
        {
            scope = RetentionScope.For(command.TenantId);
            db.RetentionScopes.Add(scope);
        }
        scope.Change(command.PciDss, command.ChinaCsl, by, now);
        var policies = await db.RetentionPolicies.Where(p => p.TenantId == command.TenantId).ToListAsync(cancellationToken);
        foreach (var setting in command.Settings)
        {
            var policy = policies.FirstOrDefault(p => p.Kind == setting.Kind);
            if (policy is null)
            {
                policy = RetentionPolicy.For(command.TenantId, setting.Kind);
                db.RetentionPolicies.Add(policy);
            }
            policy.Change(setting.Months, setting.Justification, by, now);
        }
        audit.Record(command.TenantId, "retention.updated", nameof(RetentionPolicy), command.TenantId);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}

// The job's audit entry per tenant and kind: EntityType is the kind, EntityId "deleted=N;before=yyyy-MM-dd" (the
// column holds 64 characters; the audit log viewer shows it as it is).
internal static class RetentionAudit
{
    public static string Format(long deleted, DateTimeOffset before) =>
        string.Create(CultureInfo.InvariantCulture, $"deleted={deleted};before={before.UtcDateTime:yyyy-MM-dd}");

    public static (long? Deleted, string? Before) Parse(string entityId)
    {
        long? deleted = null;
        string? before = null;
        foreach (var part in entityId.Split(';'))
        {
            if (part.StartsWith("deleted=", StringComparison.Ordinal) && long.TryParse(part.AsSpan(8), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                deleted = n;
            }
            else if (part.StartsWith("before=", StringComparison.Ordinal))
            {
                before = part[7..];
            }
        }
        return (deleted, before);
    }
}
