using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Features.Committee;

// The committee's home for one tenant: charter and weekly rhythm, the members of both sides with their seats, the
// responsibility matrix, the shared goals against their targets, the next meetings and the open action items.
public sealed record GetCommitteeOverview(CommitteeTenant Tenant) : IQuery<CommitteeViewModel?>;

public sealed record CommitteeViewModel(
    CommitteeTenant Tenant,
    long CommitteeId,
    string Name,
    string? Charter,
    DayOfWeek? SyncDay,
    TimeOnly SyncTime,
    int SyncMinutes,
    DateOnly Today,
    IReadOnlyList<CommitteeViewModel.Member> Members,
    IReadOnlyList<CommitteeViewModel.Cell> Matrix,
    IReadOnlyList<CommitteeViewModel.Goal> Goals,
    IReadOnlyList<CommitteeViewModel.MeetingRow> NextMeetings,
    IReadOnlyList<CommitteeViewModel.Action> OpenActions,
    int OpenActionCount)
{
    // Personal-data breach deadlines still running or missed without a notification: the committee watches them.
    public IReadOnlyList<BreachDeadline> BreachClocks { get; init; } = [];

    public sealed record BreachDeadline(long BreachId, long IncidentId, BreachRecipient Recipient, string Rule, DateTimeOffset DueAt, TimeSpan? TimeLeft, bool Missed);

    public bool CanAct { get; init; }

    public IEnumerable<Member> Active => Members.Where(m => m.Active);

    public Raci? Letter(long memberId, ResponsibilityArea area) =>
        Matrix.FirstOrDefault(c => c.MemberId == memberId && c.Area == area)?.Raci;

    // Areas that do not have exactly one Accountable member (a matrix saved through the form always has; a retired
    // member can leave a gap only if the matrix was never set).
    public IEnumerable<ResponsibilityArea> AreasWithoutAccountable =>
        Enum.GetValues<ResponsibilityArea>().Where(a => Matrix.Count(c => c.Area == a && c.Raci == Raci.Accountable) != 1);

    public sealed record Member(long Id, string Name, CommitteeSide Side, string Title, CommitteeRole Role, bool HasDecisionAuthority,
        bool CanLeadIncidents, string? AlternateFor, string? AccountEmail, string? Email, bool Active);

    public sealed record Cell(long MemberId, ResponsibilityArea Area, Raci Raci);

    public sealed record Goal(long Id, string Title, string? MeasureKey, GoalComparison Comparison, double Target, string Unit,
        DateOnly? From, DateOnly? To, double? Measured, DateTimeOffset? MeasuredAt, string? MeasuredFrom, bool? IsMet, bool Retired)
    {
        public bool MeasuredAutomatically => GoalMeasures.IsAutomatic(MeasureKey);

        public (string Text, string? Link) Source => GoalMeasures.SplitSource(MeasuredFrom);
    }

    public sealed record MeetingRow(long Id, MeetingKind Kind, string Title, DateTimeOffset ScheduledAt, MeetingStatus Status);

    public sealed record Action(long Id, string Title, string Owner, DateOnly? DueOn, ActionItemStatus Status, bool Overdue);
}

internal sealed class GetCommitteeOverviewHandler(PortalDbContext db, TimeProvider clock) : IQueryHandler<GetCommitteeOverview, CommitteeViewModel?>
{
    private const int MeetingsShown = 5;

    private const int ActionsShown = 10;

    public async ValueTask<CommitteeViewModel?> Handle(GetCommitteeOverview query, CancellationToken cancellationToken)
    {
        var tenant = query.Tenant;
        var committee = await db.Committees.AsNoTracking().Where(c => c.TenantId == tenant.Id).OrderBy(c => c.Id).FirstOrDefaultAsync(cancellationToken);
        if (committee is null)
        {
            return null;
        }
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, tenant.Zone).DateTime);

        var seats = await db.CommitteeMembers.AsNoTracking().Where(m => m.CommitteeId == committee.Id)
            .GroupJoin(db.Users, m => m.UserId, u => u.Id, (m, users) => new { m, users })
            .SelectMany(x => x.users.DefaultIfEmpty(), (x, u) => new { x.m, Account = u == null ? null : u.Email })
            .ToListAsync(cancellationToken);
        var names = seats.ToDictionary(s => s.m.Id, s => s.m.Name);
        var members = seats
            .OrderByDescending(s => s.m.Active).ThenBy(s => s.m.Side).ThenBy(s => s.m.Role == CommitteeRole.Member).ThenBy(s => s.m.Role).ThenBy(s => s.m.Name)
            .Select(s => new CommitteeViewModel.Member(s.m.Id, s.m.Name, s.m.Side, s.m.Title, s.m.Role, s.m.HasDecisionAuthority, s.m.CanLeadIncidents,
                s.m.AlternateForId is { } alt && names.TryGetValue(alt, out var altName) ? altName : null, s.Account, s.m.Email, s.m.Active))
            .ToList();

        var matrix = await db.CommitteeResponsibilities.AsNoTracking().Where(r => r.CommitteeId == committee.Id)
            .Select(r => new CommitteeViewModel.Cell(r.MemberId, r.Area, r.Raci)).ToListAsync(cancellationToken);

        var goals = (await db.CommitteeGoals.AsNoTracking().Where(g => g.CommitteeId == committee.Id).OrderBy(g => g.Retired).ThenBy(g => g.Id).ToListAsync(cancellationToken))
            .Select(g => new CommitteeViewModel.Goal(g.Id, g.Title, g.MeasureKey, g.Comparison, g.Target, g.Unit, g.From, g.To, g.Measured, g.MeasuredAt,
                g.MeasuredFrom, g.IsMet, g.Retired))
            .ToList();

        var meetings = await db.Meetings.AsNoTracking()
            .Where(m => m.CommitteeId == committee.Id && m.Status == MeetingStatus.Scheduled && m.EndsAt >= now)
            .OrderBy(m => m.ScheduledAt).Take(MeetingsShown)
            .Select(m => new CommitteeViewModel.MeetingRow(m.Id, m.Kind, m.Title, m.ScheduledAt, m.Status)).ToListAsync(cancellationToken);

        var open = db.ActionItems.AsNoTracking().Where(a => a.TenantId == tenant.Id && (a.Status == ActionItemStatus.Open || a.Status == ActionItemStatus.InProgress));
        var openCount = await open.CountAsync(cancellationToken);
        // Overdue first, then by due date (undated last): what the committee should look at.
        var actions = (await open.ToListAsync(cancellationToken))
            .OrderByDescending(a => a.IsOverdue(today)).ThenBy(a => a.DueOn ?? DateOnly.MaxValue).ThenBy(a => a.Id).Take(ActionsShown)
            .Select(a => new CommitteeViewModel.Action(a.Id, a.Title, a.OwnerName, a.DueOn, a.Status, a.IsOverdue(today)))
            .ToList();

        var breaches = await db.PersonalDataBreaches.AsNoTracking().Include(b => b.Notifications).Where(b => b.TenantId == tenant.Id).ToListAsync(cancellationToken);
        var deadlines = breaches.SelectMany(b => Domain.BreachClocks.For(b, now)
                .Where(c => c.DueAt is not null && c.NotifiedAt is null && c.State is BreachClockState.Running or BreachClockState.Missed)
                .Select(c => new CommitteeViewModel.BreachDeadline(b.Id, b.IncidentId, c.Recipient, c.Rule, c.DueAt!.Value, c.TimeLeft, c.State == BreachClockState.Missed)))
            .OrderBy(d => d.DueAt).ToList();
        return new CommitteeViewModel(tenant, committee.Id, committee.Name, committee.Charter, committee.SyncDay, committee.SyncTime, committee.SyncMinutes,
            today, members, matrix, goals, meetings, actions, openCount) { BreachClocks = deadlines };
    }
}
