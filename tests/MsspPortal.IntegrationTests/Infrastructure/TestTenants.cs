using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using MsspPortal.Core.Events;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Features.Shared;

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
        var source = new LogSource(tenant.Id, marker[..12], "x.y") { Name = $"src-{marker}", Vendor = "V", Product = "P", ExpectedFormat = LogFormat.Cef, AssetId = asset.Id };
        db.LogSources.Add(source);
        var incident = Incident.Open(tenant.Id, $"incident-{marker}", AlertSeverity.Low, now);
        db.Incidents.Add(incident);
        var committee = JointCommittee.Form(tenant.Id, $"committee-{marker}", null);
        db.Committees.Add(committee);
        var contract = ServiceContract.Sign(tenant.Id, ServiceTier.Essentials, new DateOnly(2026, 1, 1), new DateOnly(2027, 1, 1), BillingPeriod.Monthly, 1000);
        contract.Promise(AlertSeverity.High, 30, 240);
        db.ServiceContracts.Add(contract);
        await db.SaveChangesAsync();

        var alert = Alert.Raise(tenant.Id, "rule-" + marker, $"alert-{marker}", AlertSeverity.High, 70, now.AddMinutes(-5),
            new AlertFacts { SourceIp = "203.0.113.9", UserName = $"user-{marker}" });
        alert.LinkToIncident(incident.Id, null, now);
        db.Alerts.Add(alert);
        db.SecurityEvents.Add(new SecurityEvent { TenantId = tenant.Id, LogSourceId = source.Id, Timestamp = now, ReceivedAt = now, RawLine = $"raw-{marker}", UserName = $"user-{marker}" });
        var member = CommitteeMember.Appoint(committee, $"member-{marker}", CommitteeSide.Mssp, "chair");
        db.CommitteeMembers.Add(member);
        var meeting = Meeting.Schedule(committee, MeetingKind.Weekly, now);
        meeting.Hold(now, $"minutes-{marker}");
        db.Meetings.Add(meeting);
        var activation = EmergencyActivation.Declare(committee, incident.Id, null, $"activation-{marker}", "system", now);
        db.EmergencyActivations.Add(activation);
        await db.SaveChangesAsync();
        db.Comments.Add(Comment.OnAlert(alert, "system", $"comment-{marker}", now));
        var actionItem = ActionItem.Raise(meeting, $"action-{marker}", member, null, now);
        db.ActionItems.Add(actionItem);
        var goal = CommitteeGoal.Set(committee, $"goal-{marker}", "incidents.major", GoalComparison.AtMost, 0, "", null, null);
        db.CommitteeGoals.Add(goal);
        var rule = TenantRule.Add(tenant.Id, $"rule-{marker}", $"author-{marker}", TenantRuleOrigin.Form, $"rule-{marker}",
            $"title: rule-{marker}\nid: rule-{marker}\nauthor: author-{marker}\nlogsource:\n  category: web\ndetection:\n  selection:\n    message|contains: '{marker}'\n  condition: selection\nlevel: low\n",
            "{}", now);
        db.TenantRules.Add(rule);
        var window = ProtectionWindow.Open(tenant.Id, $"window-{marker}", now, now.AddDays(1), [$"svc-{marker}"], 1.2, now);
        db.ProtectionWindows.Add(window);
        db.AuditEntries.Add(new AuditEntry { TenantId = tenant.Id, Action = "test", EntityType = "Tenant", EntityId = marker, At = now });
        var batch = RawBatch.BeginReceiving(tenant.Id, source.Id, IngestChannel.Api, now, now.AddMinutes(1));
        db.RawBatches.Add(batch);
        await db.SaveChangesAsync();
        var content = System.Text.Encoding.UTF8.GetBytes($"raw-{marker}");
        db.RawBatchChunks.Add(batch.AppendChunk(content, 1, now.AddMinutes(1)));
        batch.Received(marker, content.Length);
        batch.Acknowledge(null);
        batch.Claim(now, now.AddMinutes(1));
        batch.ChunkWritten(0, 0, now.AddMinutes(1));
        batch.Complete(now);
        // A draft value report whose snapshot carries the marker (as the tenant's name), for the report routes.
        var figures = new MsspPortal.Web.Features.Shared.ValueFigures(tenant.Id, tenant.Name, "EUR", 2026, 10, now, now, now, 0,
            [new MsspPortal.Web.Features.Shared.ValueFigure("protection.attacks-stopped", MsspPortal.Web.Features.Shared.ValueFamily.BusinessProtection, $"figure-{marker}",
                MsspPortal.Web.Features.Shared.ValueUnit.Count, 1)], [$"headline-{marker}"]);
        var report = ValueReport.Draft(tenant.Id, new DateOnly(2026, 10, 1),
            MsspPortal.Web.Features.Value.Reports.ValueReportSnapshot.Of(figures, []).ToJson(), 0, now);
        db.ValueReports.Add(report);
        // A draft retrospective whose pack and notes carry the marker, for the retrospective routes.
        var retrospective = Retrospective.Assemble(committee, 2026, 3, MsspPortal.Web.Features.Committee.Retrospectives.RetrospectivePack.Empty(tenant.Name, 2026, 3).ToJson(), now);
        retrospective.Annotate($"lessons-{marker}", null);
        db.Retrospectives.Add(retrospective);
        db.QuarantinedLines.Add(QuarantinedLine.Hold(tenant.Id, source.Id, batch.Id, 1, now, $"reason-{marker}", $"quarantined-{marker}", [], truncated: false));
        await db.SaveChangesAsync();
        // The incident is a personal-data breach too, with one notification, for the breach routes.
        var breach = PersonalDataBreach.Flag(incident, new BreachFacts($"nature-{marker}", $"categories-{marker}", 10, 20, $"consequences-{marker}",
            $"measures-{marker}", BreachRegimes.Gdpr | BreachRegimes.ChinaCac, false, null), now.AddHours(-2), null, now);
        db.PersonalDataBreaches.Add(breach);
        await db.SaveChangesAsync();
        db.BreachNotifications.Add(breach.RecordNotification(BreachRecipient.ChinaCac, $"cac-{marker}", now.AddHours(-1), $"ref-{marker}"));
        // PCI DSS applies, with one uploaded evidence file, for the compliance routes.
        db.TenantFrameworks.Add(TenantFramework.Apply(tenant.Id, "pci-dss-4.0.1", new DateOnly(2026, 1, 1), $"scope-{marker}", null, now));
        var evidence = ManualEvidence.Upload(tenant.Id, "pci-dss-4.0.1", "1.2.1", $"evidence-{marker}", "rules.txt", "text/plain",
            System.Text.Encoding.UTF8.GetBytes($"file-{marker}"), $"owner-{marker}", new DateOnly(2027, 12, 31), null, now);
        db.ManualEvidence.Add(evidence);

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
            [typeof(EmergencyActivation)] = activation.Id,
            [typeof(ServiceContract)] = contract.Id,
            [typeof(TenantMembership)] = firstMembership!.Id,
            [typeof(TenantRule)] = rule.Id,
            [typeof(ProtectionWindow)] = window.Id,
            [typeof(RawBatch)] = batch.Id,
            [typeof(ValueReport)] = report.Id,
            [typeof(Retrospective)] = retrospective.Id,
            [typeof(CommitteeMember)] = member.Id,
            [typeof(CommitteeGoal)] = goal.Id,
            [typeof(ActionItem)] = actionItem.Id,
            [typeof(PersonalDataBreach)] = breach.Id,
            [typeof(ManualEvidence)] = evidence.Id,
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
