using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Core.Detection;
using MsspPortal.Web.Data;
using MsspPortal.Web.Infrastructure.Tenancy;
using MsspPortal.Web.Pipeline;

namespace MsspPortal.Web.Features.Rules;

// Re-runs one rule over the tenant's last 24 h of stored events, on a private engine: nothing is written.
public sealed record TestRule(Guid TenantId, string RuleId) : IQuery<RuleTestResult?>;

public sealed record RuleTestResult(Guid TenantId, string RuleId, string Title, int EventsRead, bool Truncated, int Detections, int Alerts);

public sealed class TestRuleValidator : AbstractValidator<TestRule>
{
    public TestRuleValidator(ITenantContext tenant)
    {
        RuleFor(c => c.TenantId).Must(tenant.CanAccess).WithMessage("Choose one of your tenants.");
        RuleFor(c => c.RuleId).NotEmpty().MaximumLength(100);
    }
}

internal sealed class TestRuleHandler(PortalDbContext db, TimeProvider clock) : IQueryHandler<TestRule, RuleTestResult?>
{
    private const int MaxEvents = 200_000;

    public async ValueTask<RuleTestResult?> Handle(TestRule query, CancellationToken cancellationToken)
    {
        var entries = await RuleBook.LoadAsync(db, query.TenantId, cancellationToken);
        var entry = entries.FirstOrDefault(e => string.Equals(e.Rule.Id, query.RuleId, StringComparison.OrdinalIgnoreCase));
        if (entry is null)
        {
            return null;
        }
        var since = clock.GetUtcNow().AddHours(-24);
        var engine = new DetectionEngine([entry.Rule]);
        var detections = new List<DetectionResult>();
        var read = 0;
        // Streamed in event order: the engine's windows need time order, and 24 h may not fit in memory at once.
        await foreach (var row in db.SecurityEvents.AsNoTracking()
            .Where(e => e.TenantId == query.TenantId && e.Timestamp >= since)
            .OrderBy(e => e.Timestamp).ThenBy(e => e.Id).Take(MaxEvents + 1).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (++read > MaxEvents)
            {
                break;
            }
            engine.Evaluate(query.TenantId, EventMapping.ToNormalized(row), detections);
        }
        var alerts = AlertDeduplication.Collapse(detections).Count;
        return new RuleTestResult(query.TenantId, entry.Rule.Id, entry.Rule.Title, Math.Min(read, MaxEvents), read > MaxEvents, detections.Count, alerts);
    }
}
