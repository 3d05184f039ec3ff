using System.Linq.Expressions;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Data;

// The portal's model. Each provider has a subclass (SqlitePortalDbContext, SqlServerPortalDbContext) so that each
// keeps its own migration set in one assembly.
public abstract class PortalDbContext(DbContextOptions options, ITenantContext tenant) : IdentityDbContext<PortalUser>(options)
{
    public const string TenantFilter = "Tenant";

    // Database.IsSqlite() reads the provider's assembly name on every call (reflection): the ingestion path asks
    // several times per chunk, and it showed in profiles. A context's provider never changes.
    internal bool OnSqlite => _onSqlite ??= Database.IsSqlite();

    private bool? _onSqlite;

    // The bulk writers' prepared statements on this context's SQLite connection, finalized with the context.
    internal Bulk.SqliteStatements Statements { get; } = new();

    public override void Dispose()
    {
        Statements.Dispose();
        base.Dispose();
        GC.SuppressFinalize(this);
    }

    public override async ValueTask DisposeAsync()
    {
        Statements.Dispose();
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    public DbSet<Tenant> Tenants => Set<Tenant>();

    public DbSet<TenantMembership> Memberships => Set<TenantMembership>();

    public DbSet<Asset> Assets => Set<Asset>();

    public DbSet<BusinessService> BusinessServices => Set<BusinessService>();

    public DbSet<LogSource> LogSources => Set<LogSource>();

    public DbSet<SecurityEvent> SecurityEvents => Set<SecurityEvent>();

    public DbSet<Alert> Alerts => Set<Alert>();

    public DbSet<AlertHistory> AlertHistory => Set<AlertHistory>();

    public DbSet<Incident> Incidents => Set<Incident>();

    public DbSet<IncidentHistory> IncidentHistory => Set<IncidentHistory>();

    public DbSet<IncidentTask> IncidentTasks => Set<IncidentTask>();

    public DbSet<PersonalDataBreach> PersonalDataBreaches => Set<PersonalDataBreach>();

    public DbSet<BreachNotification> BreachNotifications => Set<BreachNotification>();

    public DbSet<Comment> Comments => Set<Comment>();

    public DbSet<JointCommittee> Committees => Set<JointCommittee>();

    public DbSet<CommitteeMember> CommitteeMembers => Set<CommitteeMember>();

    public DbSet<Meeting> Meetings => Set<Meeting>();

    public DbSet<ActionItem> ActionItems => Set<ActionItem>();

    public DbSet<ServiceContract> ServiceContracts => Set<ServiceContract>();

    public DbSet<SlaTarget> SlaTargets => Set<SlaTarget>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<RawBatch> RawBatches => Set<RawBatch>();

    public DbSet<RawBatchChunk> RawBatchChunks => Set<RawBatchChunk>();

    public DbSet<QuarantinedLine> QuarantinedLines => Set<QuarantinedLine>();

    public DbSet<UnknownSyslogSender> UnknownSyslogSenders => Set<UnknownSyslogSender>();

    public DbSet<TenantRuleSetting> TenantRuleSettings => Set<TenantRuleSetting>();

    public DbSet<TenantRule> TenantRules => Set<TenantRule>();

    public DbSet<ProtectionWindow> ProtectionWindows => Set<ProtectionWindow>();

    public DbSet<DetectionCursor> DetectionCursors => Set<DetectionCursor>();

    public DbSet<DetectionOwnership> DetectionOwnerships => Set<DetectionOwnership>();

    public DbSet<ThreatIntelIndicator> ThreatIntelIndicators => Set<ThreatIntelIndicator>();

    public DbSet<MsspIntelIndicator> MsspIntelIndicators => Set<MsspIntelIndicator>();

    public DbSet<AttackTacticEntry> AttackTactics => Set<AttackTacticEntry>();

    public DbSet<AttackTechniqueEntry> AttackTechniques => Set<AttackTechniqueEntry>();

    public DbSet<AlertEvent> AlertEvents => Set<AlertEvent>();

    public DbSet<AlertContribution> AlertContributions => Set<AlertContribution>();

    public DbSet<SavedView> SavedViews => Set<SavedView>();

    public DbSet<AlertSuppression> AlertSuppressions => Set<AlertSuppression>();

    public DbSet<BusinessProfile> BusinessProfiles => Set<BusinessProfile>();

    public DbSet<ValueAssumptionSet> ValueAssumptionSets => Set<ValueAssumptionSet>();

    public DbSet<ValueAssumption> ValueAssumptions => Set<ValueAssumption>();

    public DbSet<ReportedFigure> ReportedFigures => Set<ReportedFigure>();

    public DbSet<ValueReport> ValueReports => Set<ValueReport>();

    public DbSet<ValueReportDispute> ValueReportDisputes => Set<ValueReportDispute>();

    public DbSet<PrivacySettings> PrivacySettings => Set<PrivacySettings>();

    public DbSet<RetentionPolicy> RetentionPolicies => Set<RetentionPolicy>();

    public DbSet<RetentionScope> RetentionScopes => Set<RetentionScope>();

    public DbSet<CommitteeResponsibility> CommitteeResponsibilities => Set<CommitteeResponsibility>();

    public DbSet<CommitteeGoal> CommitteeGoals => Set<CommitteeGoal>();

    public DbSet<AgendaItem> AgendaItems => Set<AgendaItem>();

    public DbSet<MeetingAttendance> MeetingAttendance => Set<MeetingAttendance>();

    public DbSet<CommitteeDecision> CommitteeDecisions => Set<CommitteeDecision>();

    public DbSet<EmergencyActivation> EmergencyActivations => Set<EmergencyActivation>();

    public DbSet<CommitteePage> CommitteePages => Set<CommitteePage>();

    public DbSet<ActivationStatusUpdate> ActivationStatusUpdates => Set<ActivationStatusUpdate>();

    public DbSet<Retrospective> Retrospectives => Set<Retrospective>();

    public DbSet<RetrospectiveSignature> RetrospectiveSignatures => Set<RetrospectiveSignature>();

    // Not tenant-owned: a person's subscription across the committees they sit on.
    public DbSet<CalendarFeed> CalendarFeeds => Set<CalendarFeed>();

    // Not tenant-owned: actions on a tenant as a whole (its deletion), kept after the tenant is gone.
    public DbSet<PlatformAuditRecord> PlatformAuditRecords => Set<PlatformAuditRecord>();
    public DbSet<TenantFramework> TenantFrameworks => Set<TenantFramework>();

    public DbSet<ControlAssessment> ControlAssessments => Set<ControlAssessment>();

    public DbSet<ManualEvidence> ManualEvidence => Set<ManualEvidence>();

    public DbSet<ComplianceCheck> ComplianceChecks => Set<ComplianceCheck>();

    public DbSet<ComplianceCheckResult> ComplianceCheckResults => Set<ComplianceCheckResult>();

    public DbSet<LicensedControlText> LicensedControlTexts => Set<LicensedControlText>();

    public DbSet<EvidencePackRecord> EvidencePackRecords => Set<EvidencePackRecord>();

    // The filters read these through the context instance, so EF turns them into parameters of every query.
    // A value captured while building the model would be cached with it and leak one tenant's scope to all.
    internal bool SeesAllTenants => tenant.SeesAllTenants;

    internal IReadOnlyList<Guid> TenantIds => tenant.TenantIds;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly, t => t.Namespace == typeof(PortalDbContext).Namespace + ".Configurations");
        PlannerHints.Register(builder, Database.IsSqlite());
        // A merged duplicate points at its survivor. SQL Server refuses SET NULL on a table's reference to itself
        // (error 1785, cycles); there EF nulls tracked duplicates and the database only checks the reference.
        builder.Entity<Alert>().HasOne<Alert>().WithMany().HasForeignKey(a => a.MergedIntoId)
            .OnDelete(Database.IsSqlite() ? DeleteBehavior.SetNull : DeleteBehavior.ClientSetNull);

        builder.Entity<Tenant>().HasQueryFilter(TenantFilter, t => SeesAllTenants || TenantIds.Contains(t.Id));
        foreach (var entityType in builder.Model.GetEntityTypes())
        {
            if (typeof(ITenantOwned).IsAssignableFrom(entityType.ClrType))
            {
                ApplyTenantFilterMethod.MakeGenericMethod(entityType.ClrType).Invoke(this, [builder]);
            }
        }
    }

    private static readonly System.Reflection.MethodInfo ApplyTenantFilterMethod =
        typeof(PortalDbContext).GetMethod(nameof(ApplyTenantFilter), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;

    private void ApplyTenantFilter<TEntity>(ModelBuilder builder)
        where TEntity : class, ITenantOwned
    {
        Expression<Func<TEntity, bool>> filter = e => SeesAllTenants || TenantIds.Contains(e.TenantId);
        builder.Entity<TEntity>().HasQueryFilter(TenantFilter, filter);
    }
}

public sealed class SqlitePortalDbContext(DbContextOptions<SqlitePortalDbContext> options, ITenantContext tenant)
    : PortalDbContext(options, tenant)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no DateTimeOffset type and cannot order or compare its text form: store UTC ticks instead.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcTicksConverter>();
        // Same for decimal: SQLite would store it as text and refuse to sum or compare it in SQL.
        configurationBuilder.Properties<decimal>().HaveConversion<double>();
        configurationBuilder.Properties<decimal?>().HaveConversion<double>();
    }
}

public sealed class SqlServerPortalDbContext(DbContextOptions<SqlServerPortalDbContext> options, ITenantContext tenant)
    : PortalDbContext(options, tenant)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<decimal>().HavePrecision(18, 2);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // SQL Server refuses a filtered index on a computed column; there the SLA sort uses the full (SlaDueAt, Id) index.
        var alerts = builder.Entity<Alert>().Metadata;
        alerts.RemoveIndex(alerts.GetIndexes().Single(i => i.Name == "IX_Alerts_Open_SlaDueAt_Id"));
    }
}

internal sealed class UtcTicksConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks,
    v => new DateTimeOffset(v, TimeSpan.Zero));
