using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using MsspPortal.Core.Events;
using MsspPortal.Web.Domain;
namespace MsspPortal.IntegrationTests.Infrastructure;

/// <summary>A tenant of a test's own, with one row of every tenant-owned type and one user per role.</summary>
public sealed record TestTenant(Guid Id, string Slug, string Marker, IReadOnlyDictionary<Type, object> RowIds, IReadOnlyDictionary<PortalRole, string> UserEmails)
{
    public const string Password = "Test-Passw0rd!42";

    /// <summary>
    /// Every text field of the tenant's rows contains <see cref="Marker"/>, so any page that leaks one of them
    /// to another tenant's user is caught by a plain substring search.
    /// </summary>
    public static async Task<TestTenant> CreateAsync(PortalFactory factory, string label)
    {
        var marker = $"zz{label}{Guid.NewGuid():N}"[..20];
        await using var scope = factory.PlatformScope(out var db);
        var now = TimeProvider.System.GetUtcNow();
        var tenant = new Tenant { Name = $"Tenant {marker}", Slug = marker, Industry = Industry.Other, Tier = ServiceTier.Essentials, TimeZone = "UTC", Currency = "EUR", CreatedAt = now };
        db.Tenants.Add(tenant);
        var service = new BusinessService { TenantId = tenant.Id, Name = $"svc-{marker}", Description = $"service-{marker}", DowntimeCostPerHour = 1000 };
        db.BusinessServices.Add(service);
        var asset = new Asset { TenantId = tenant.Id, Name = $"asset-{marker}", Identifiers = "10.99.0.1", Criticality = 5, BusinessService = service };
        db.Assets.Add(asset);
        await db.SaveChangesAsync();
        var source = new LogSource { TenantId = tenant.Id, Name = $"src-{marker}", Vendor = "V", Product = "P", ExpectedFormat = LogFormat.Cef, ApiKeyPrefix = marker[..12], ApiKeyHash = "x.y", AssetId = asset.Id };
        db.LogSources.Add(source);
        var incident = new Incident { TenantId = tenant.Id, Title = $"incident-{marker}", OpenedAt = now };
        db.Incidents.Add(incident);
        var committee = new JointCommittee { TenantId = tenant.Id, Name = $"committee-{marker}" };
        db.Committees.Add(committee);
        var contract = new ServiceContract { TenantId = tenant.Id, Tier = ServiceTier.Essentials, StartsOn = new DateOnly(2026, 1, 1), EndsOn = new DateOnly(2027, 1, 1), BaseMonthlyFee = 1000 };
        contract.SlaTargets.Add(new SlaTarget { TenantId = tenant.Id, Severity = AlertSeverity.High, AcknowledgeWithinMinutes = 30, ResolveWithinMinutes = 240 });
        db.ServiceContracts.Add(contract);
        await db.SaveChangesAsync();

        var alert = Alert.Raise(tenant.Id, "rule-" + marker, $"alert-{marker}", AlertSeverity.High, 70, now.AddMinutes(-5));
        alert.SourceIp = "203.0.113.9";
        alert.UserName = $"user-{marker}";
        alert.IncidentId = incident.Id;
        db.Alerts.Add(alert);
        db.SecurityEvents.Add(new SecurityEvent { TenantId = tenant.Id, LogSourceId = source.Id, Timestamp = now, ReceivedAt = now, RawLine = $"raw-{marker}", UserName = $"user-{marker}" });
        db.CommitteeMembers.Add(new CommitteeMember { TenantId = tenant.Id, CommitteeId = committee.Id, Name = $"member-{marker}", Role = "chair" });
        var meeting = new Meeting { TenantId = tenant.Id, CommitteeId = committee.Id, Kind = MeetingKind.Weekly, ScheduledAt = now, Minutes = $"minutes-{marker}" };
        db.Meetings.Add(meeting);
        await db.SaveChangesAsync();
        db.Comments.Add(new Comment { TenantId = tenant.Id, AlertId = alert.Id, AuthorId = "system", At = now, Body = $"comment-{marker}" });
        db.ActionItems.Add(new ActionItem { TenantId = tenant.Id, MeetingId = meeting.Id, Title = $"action-{marker}", Owner = "o" });
        var rule = new TenantRule
        {
            TenantId = tenant.Id, RuleId = $"rule-{marker}", Title = $"rule-{marker}", Author = $"author-{marker}", Origin = TenantRuleOrigin.Form,
            SigmaYaml = $"title: rule-{marker}\nid: rule-{marker}\nauthor: author-{marker}\nlogsource:\n  category: web\ndetection:\n  selection:\n    message|contains: '{marker}'\n  condition: selection\nlevel: low\n",
            FormJson = "{}", CreatedAt = now, UpdatedAt = now,
        };
        db.TenantRules.Add(rule);
        var window = new ProtectionWindow { TenantId = tenant.Id, Name = $"window-{marker}", StartsAt = now, EndsAt = now.AddDays(1), Services = $"svc-{marker}", UpdatedAt = now };
        db.ProtectionWindows.Add(window);
        db.AuditEntries.Add(new AuditEntry { TenantId = tenant.Id, Action = "test", EntityType = "Tenant", EntityId = marker, At = now });
        var batch = new RawBatch { TenantId = tenant.Id, LogSourceId = source.Id, Channel = IngestChannel.Api, ReceivedAt = now, ContentHash = marker, LineCount = 1, ChunkCount = 1, ChunksProcessed = 1, State = BatchState.Done };
        db.RawBatches.Add(batch);
        await db.SaveChangesAsync();
        db.RawBatchChunks.Add(new RawBatchChunk { TenantId = tenant.Id, BatchId = batch.Id, FirstLine = 1, LineCount = 1, Content = System.Text.Encoding.UTF8.GetBytes($"raw-{marker}") });
        db.QuarantinedLines.Add(new QuarantinedLine { TenantId = tenant.Id, LogSourceId = source.Id, BatchId = batch.Id, LineNumber = 1, ReceivedAt = now, Reason = $"reason-{marker}", RawLine = $"quarantined-{marker}" });
        await db.SaveChangesAsync();

        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var emails = new Dictionary<PortalRole, string>();
        TenantMembership? firstMembership = null;
        foreach (var role in new[] { PortalRole.Analyst, PortalRole.BusinessOwner, PortalRole.CommitteeMember, PortalRole.Auditor })
        {
            var email = $"{role.ToString().ToLowerInvariant()}@{marker}.test";
            var user = new PortalUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = $"{role} {marker}" };
            Check(await users.CreateAsync(user, Password));
            Check(await users.AddToRoleAsync(user, role.ToString()));
            var membership = new TenantMembership { TenantId = tenant.Id, UserId = user.Id, Role = role, GrantedAt = now };
            db.Memberships.Add(membership);
            firstMembership ??= membership;
            emails[role] = email;
        }
        await db.SaveChangesAsync();

        var ids = new Dictionary<Type, object>
        {
            [typeof(Tenant)] = tenant.Id,
            [typeof(Asset)] = asset.Id,
            [typeof(BusinessService)] = service.Id,
            [typeof(LogSource)] = source.Id,
            [typeof(Alert)] = alert.Id,
            [typeof(AlertHistory)] = alert.History[0].Id,
            [typeof(Incident)] = incident.Id,
            [typeof(JointCommittee)] = committee.Id,
            [typeof(Meeting)] = meeting.Id,
            [typeof(ServiceContract)] = contract.Id,
            [typeof(TenantMembership)] = firstMembership!.Id,
            [typeof(TenantRule)] = rule.Id,
            [typeof(ProtectionWindow)] = window.Id,
            [typeof(RawBatch)] = batch.Id,
        };
        return new TestTenant(tenant.Id, marker, marker, ids, emails);
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
