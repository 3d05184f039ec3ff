using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Core.Detection;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Pipeline;

namespace MsspPortal.Web.Features.Rules;

public sealed record ListRules(Guid TenantId) : IQuery<RuleListViewModel>;

public sealed record RuleListViewModel(Guid TenantId, string Tenant, IReadOnlyList<RuleListViewModel.Row> Rules)
{
    // A tuning that failed validation, shown again in its row.
    public TuneRule? Tuning { get; init; }

    public sealed record Row(string RuleId, string Title, string Kind, DetectionSeverity Severity, string Techniques, string Author,
        bool BuiltIn, bool Enabled, int? Threshold, int? ThresholdOverride, long? TenantRuleId, bool Editable)
    {
        public int? WindowSeconds { get; init; }

        public int? WindowSecondsOverride { get; init; }

        public bool Tunable => BuiltIn && Threshold is not null && WindowSeconds is not null;
    }
}

internal sealed class ListRulesHandler(PortalDbContext db) : IQueryHandler<ListRules, RuleListViewModel>
{
    public async ValueTask<RuleListViewModel> Handle(ListRules query, CancellationToken cancellationToken)
    {
        var tenant = await db.Tenants.Where(t => t.Id == query.TenantId).Select(t => t.Name).FirstOrDefaultAsync(cancellationToken) ?? "";
        var entries = await RuleBook.LoadAsync(db, query.TenantId, cancellationToken);
        var forms = await db.TenantRules.Where(r => r.TenantId == query.TenantId && r.FormJson != null).Select(r => r.Id).ToListAsync(cancellationToken);
        var rows = entries.Select(e => new RuleListViewModel.Row(e.Rule.Id, e.Rule.Title, Kind(e.Rule), e.Rule.Severity,
            string.Join(", ", e.Rule.Techniques), e.Author, e.IsBuiltIn, e.Enabled, RuleBook.ThresholdOf(e.Rule), e.ThresholdOverride,
            e.TenantRuleId, e.TenantRuleId is { } id && forms.Contains(id))
        {
            WindowSeconds = RuleBook.WindowOf(e.Rule) is { } window ? (int)window.TotalSeconds : null,
            WindowSecondsOverride = e.WindowSecondsOverride,
        }).ToList();
        return new RuleListViewModel(query.TenantId, tenant, rows);
    }

    private static string Kind(DetectionRule rule) => rule switch
    {
        ThresholdRule => "threshold",
        DistinctCountRule => "distinct count",
        SequenceRule => "sequence",
        IndicatorRule => "threat intel",
        NewLocationRule => "new location",
        _ => "single event",
    };
}
