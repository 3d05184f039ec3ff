using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MsspPortal.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CommitteeAndPrivacy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_ActionItems_Meetings_MeetingId",
                table: "ActionItems");

            migrationBuilder.DropIndex(
                name: "IX_CommitteeMembers_TenantId",
                table: "CommitteeMembers");

            migrationBuilder.DropIndex(
                name: "IX_ActionItems_TenantId_Status",
                table: "ActionItems");

            migrationBuilder.RenameColumn(
                name: "Owner",
                table: "ActionItems",
                newName: "OwnerName");

            migrationBuilder.AddColumn<long>(
                name: "MaskedValues",
                table: "RawBatches",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "Review",
                table: "ProtectionWindows",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ReviewedAt",
                table: "ProtectionWindows",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReviewedBy",
                table: "ProtectionWindows",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CalendarUid",
                table: "Meetings",
                type: "TEXT",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "ClosedAt",
                table: "Meetings",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClosedBy",
                table: "Meetings",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "EndedAt",
                table: "Meetings",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "EndsAt",
                table: "Meetings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "Location",
                table: "Meetings",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Sequence",
                table: "Meetings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Status",
                table: "Meetings",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "TimeZone",
                table: "Meetings",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Title",
                table: "Meetings",
                type: "TEXT",
                maxLength: 300,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "UpdatedAt",
                table: "Meetings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<int>(
                name: "SyncDay",
                table: "Committees",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SyncMinutes",
                table: "Committees",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<TimeOnly>(
                name: "SyncTime",
                table: "Committees",
                type: "TEXT",
                nullable: false,
                defaultValue: new TimeOnly(0, 0, 0));

            migrationBuilder.AddColumn<bool>(
                name: "Active",
                table: "CommitteeMembers",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "AlternateForId",
                table: "CommitteeMembers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "CanLeadIncidents",
                table: "CommitteeMembers",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Email",
                table: "CommitteeMembers",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "HasDecisionAuthority",
                table: "CommitteeMembers",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Title",
                table: "CommitteeMembers",
                type: "TEXT",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AlterColumn<long>(
                name: "MeetingId",
                table: "ActionItems",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(long),
                oldType: "INTEGER");

            migrationBuilder.AddColumn<long>(
                name: "ActivationId",
                table: "ActionItems",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "CompletedAt",
                table: "ActionItems",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "CreatedAt",
                table: "ActionItems",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "Detail",
                table: "ActionItems",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "IncidentId",
                table: "ActionItems",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Origin",
                table: "ActionItems",
                type: "TEXT",
                maxLength: 24,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Outcome",
                table: "ActionItems",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "OwnerMemberId",
                table: "ActionItems",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Phase",
                table: "ActionItems",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ProtectionWindowId",
                table: "ActionItems",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RetrospectiveId",
                table: "ActionItems",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ValueReportId",
                table: "ActionItems",
                type: "INTEGER",
                nullable: true);

            // Existing rows in the new shapes: a member's free-text role becomes their title; meetings get a calendar
            // identity, a status, a title and an end; action items keep their meeting as origin and its date as
            // creation date.
            migrationBuilder.Sql("UPDATE CommitteeMembers SET Title = Role, Role = 'Member';");
            migrationBuilder.Sql("UPDATE Meetings SET CalendarUid = lower(hex(randomblob(16))) || '@mssp-portal', "
                + "Status = CASE WHEN HeldAt IS NULL THEN 'Scheduled' ELSE 'Held' END, "
                + "Title = CASE Kind WHEN 'Weekly' THEN 'Weekly sync' WHEN 'Emergency' THEN 'Emergency session' ELSE 'Quarterly retrospective' END, "
                + "EndsAt = ScheduledAt + 27000000000, UpdatedAt = ScheduledAt, TimeZone = 'UTC';");
            migrationBuilder.Sql("UPDATE ActionItems SET Origin = 'Meeting', "
                + "CreatedAt = COALESCE((SELECT m.ScheduledAt FROM Meetings m WHERE m.Id = ActionItems.MeetingId), 0);");

            migrationBuilder.CreateTable(
                name: "AgendaItems",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MeetingId = table.Column<long>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    SourceId = table.Column<long>(type: "INTEGER", nullable: true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Link = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Discussed = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AgendaItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AgendaItems_Meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "Meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AgendaItems_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CalendarFeeds",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RevokedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastReadAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CalendarFeeds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CalendarFeeds_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CommitteeGoals",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CommitteeId = table.Column<long>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    MeasureKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Comparison = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Target = table.Column<double>(type: "REAL", nullable: false),
                    Unit = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    From = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    To = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Measured = table.Column<double>(type: "REAL", nullable: true),
                    MeasuredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    MeasuredFrom = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Retired = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CommitteeGoals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CommitteeGoals_Committees_CommitteeId",
                        column: x => x.CommitteeId,
                        principalTable: "Committees",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CommitteeGoals_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CommitteeResponsibilities",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CommitteeId = table.Column<long>(type: "INTEGER", nullable: false),
                    MemberId = table.Column<long>(type: "INTEGER", nullable: false),
                    Area = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Raci = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CommitteeResponsibilities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CommitteeResponsibilities_CommitteeMembers_MemberId",
                        column: x => x.MemberId,
                        principalTable: "CommitteeMembers",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_CommitteeResponsibilities_Committees_CommitteeId",
                        column: x => x.CommitteeId,
                        principalTable: "Committees",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CommitteeResponsibilities_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "EmergencyActivations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CommitteeId = table.Column<long>(type: "INTEGER", nullable: false),
                    IncidentId = table.Column<long>(type: "INTEGER", nullable: true),
                    AlertId = table.Column<long>(type: "INTEGER", nullable: true),
                    MeetingId = table.Column<long>(type: "INTEGER", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    DeclaredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DeclaredBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    QuorumAt = table.Column<long>(type: "INTEGER", nullable: true),
                    IncidentLeadMemberId = table.Column<long>(type: "INTEGER", nullable: true),
                    ScribeMemberId = table.Column<long>(type: "INTEGER", nullable: true),
                    TargetMet = table.Column<bool>(type: "INTEGER", nullable: true),
                    InSessionAt = table.Column<long>(type: "INTEGER", nullable: true),
                    StableAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReviewDueAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReviewedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReviewSummary = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    NextUpdateDueAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EmergencyActivations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EmergencyActivations_Alerts_AlertId",
                        column: x => x.AlertId,
                        principalTable: "Alerts",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_EmergencyActivations_Committees_CommitteeId",
                        column: x => x.CommitteeId,
                        principalTable: "Committees",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_EmergencyActivations_Incidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "Incidents",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_EmergencyActivations_Meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "Meetings",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_EmergencyActivations_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "MeetingAttendance",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MeetingId = table.Column<long>(type: "INTEGER", nullable: false),
                    MemberId = table.Column<long>(type: "INTEGER", nullable: false),
                    Present = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MeetingAttendance", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MeetingAttendance_CommitteeMembers_MemberId",
                        column: x => x.MemberId,
                        principalTable: "CommitteeMembers",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_MeetingAttendance_Meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "Meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_MeetingAttendance_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PrivacySettings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Cards = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Emails = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Phones = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    PhoneRegions = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ResidentIds = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    PatternMode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Patterns = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PrivacySettings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PrivacySettings_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Retrospectives",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CommitteeId = table.Column<long>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Quarter = table.Column<int>(type: "INTEGER", nullable: false),
                    MeetingId = table.Column<long>(type: "INTEGER", nullable: true),
                    Pack = table.Column<string>(type: "TEXT", nullable: false),
                    AssembledAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Lessons = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    StrategyChanges = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    ContentHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Retrospectives", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Retrospectives_Committees_CommitteeId",
                        column: x => x.CommitteeId,
                        principalTable: "Committees",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Retrospectives_Meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "Meetings",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_Retrospectives_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ActivationStatusUpdates",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ActivationId = table.Column<long>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActivationStatusUpdates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ActivationStatusUpdates_EmergencyActivations_ActivationId",
                        column: x => x.ActivationId,
                        principalTable: "EmergencyActivations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ActivationStatusUpdates_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CommitteeDecisions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CommitteeId = table.Column<long>(type: "INTEGER", nullable: false),
                    MeetingId = table.Column<long>(type: "INTEGER", nullable: true),
                    ActivationId = table.Column<long>(type: "INTEGER", nullable: true),
                    IncidentId = table.Column<long>(type: "INTEGER", nullable: true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    DecidedByMemberId = table.Column<long>(type: "INTEGER", nullable: true),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Authorised = table.Column<bool>(type: "INTEGER", nullable: false),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CommitteeDecisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CommitteeDecisions_CommitteeMembers_DecidedByMemberId",
                        column: x => x.DecidedByMemberId,
                        principalTable: "CommitteeMembers",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_CommitteeDecisions_Committees_CommitteeId",
                        column: x => x.CommitteeId,
                        principalTable: "Committees",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CommitteeDecisions_EmergencyActivations_ActivationId",
                        column: x => x.ActivationId,
                        principalTable: "EmergencyActivations",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_CommitteeDecisions_Incidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "Incidents",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_CommitteeDecisions_Meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "Meetings",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_CommitteeDecisions_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CommitteePages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ActivationId = table.Column<long>(type: "INTEGER", nullable: false),
                    MemberId = table.Column<long>(type: "INTEGER", nullable: false),
                    Side = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EmailedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AcknowledgedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CommitteePages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CommitteePages_CommitteeMembers_MemberId",
                        column: x => x.MemberId,
                        principalTable: "CommitteeMembers",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_CommitteePages_EmergencyActivations_ActivationId",
                        column: x => x.ActivationId,
                        principalTable: "EmergencyActivations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CommitteePages_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RetrospectiveSignatures",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RetrospectiveId = table.Column<long>(type: "INTEGER", nullable: false),
                    MemberId = table.Column<long>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Side = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    SignedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ContentHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RetrospectiveSignatures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RetrospectiveSignatures_CommitteeMembers_MemberId",
                        column: x => x.MemberId,
                        principalTable: "CommitteeMembers",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_RetrospectiveSignatures_Retrospectives_RetrospectiveId",
                        column: x => x.RetrospectiveId,
                        principalTable: "Retrospectives",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_RetrospectiveSignatures_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Meetings_CalendarUid",
                table: "Meetings",
                column: "CalendarUid",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CommitteeMembers_AlternateForId",
                table: "CommitteeMembers",
                column: "AlternateForId");

            migrationBuilder.CreateIndex(
                name: "IX_CommitteeMembers_TenantId_UserId",
                table: "CommitteeMembers",
                columns: new[] { "TenantId", "UserId" });

            migrationBuilder.CreateIndex(
                name: "IX_ActionItems_ActivationId",
                table: "ActionItems",
                column: "ActivationId");

            migrationBuilder.CreateIndex(
                name: "IX_ActionItems_IncidentId",
                table: "ActionItems",
                column: "IncidentId");

            migrationBuilder.CreateIndex(
                name: "IX_ActionItems_OwnerMemberId",
                table: "ActionItems",
                column: "OwnerMemberId");

            migrationBuilder.CreateIndex(
                name: "IX_ActionItems_ProtectionWindowId",
                table: "ActionItems",
                column: "ProtectionWindowId");

            migrationBuilder.CreateIndex(
                name: "IX_ActionItems_RetrospectiveId",
                table: "ActionItems",
                column: "RetrospectiveId");

            migrationBuilder.CreateIndex(
                name: "IX_ActionItems_TenantId_CreatedAt",
                table: "ActionItems",
                columns: new[] { "TenantId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ActionItems_TenantId_Status_DueOn",
                table: "ActionItems",
                columns: new[] { "TenantId", "Status", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_ActionItems_ValueReportId",
                table: "ActionItems",
                column: "ValueReportId");

            migrationBuilder.CreateIndex(
                name: "IX_ActivationStatusUpdates_ActivationId",
                table: "ActivationStatusUpdates",
                column: "ActivationId");

            migrationBuilder.CreateIndex(
                name: "IX_ActivationStatusUpdates_TenantId",
                table: "ActivationStatusUpdates",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_AgendaItems_MeetingId_Position",
                table: "AgendaItems",
                columns: new[] { "MeetingId", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_AgendaItems_TenantId",
                table: "AgendaItems",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_CalendarFeeds_TokenHash",
                table: "CalendarFeeds",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CalendarFeeds_UserId",
                table: "CalendarFeeds",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_CommitteeDecisions_ActivationId",
                table: "CommitteeDecisions",
                column: "ActivationId");

            migrationBuilder.CreateIndex(
                name: "IX_CommitteeDecisions_CommitteeId",
                table: "CommitteeDecisions",
                column: "CommitteeId");

            migrationBuilder.CreateIndex(
                name: "IX_CommitteeDecisions_DecidedByMemberId",
                table: "CommitteeDecisions",
                column: "DecidedByMemberId");

            migrationBuilder.CreateIndex(
                name: "IX_CommitteeDecisions_IncidentId",
                table: "CommitteeDecisions",
                column: "IncidentId");

            migrationBuilder.CreateIndex(
                name: "IX_CommitteeDecisions_MeetingId",
                table: "CommitteeDecisions",
                column: "MeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_CommitteeDecisions_TenantId_DecidedAt",
                table: "CommitteeDecisions",
                columns: new[] { "TenantId", "DecidedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CommitteeGoals_CommitteeId",
                table: "CommitteeGoals",
                column: "CommitteeId");

            migrationBuilder.CreateIndex(
                name: "IX_CommitteeGoals_TenantId",
                table: "CommitteeGoals",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_CommitteePages_ActivationId",
                table: "CommitteePages",
                column: "ActivationId");

            migrationBuilder.CreateIndex(
                name: "IX_CommitteePages_MemberId_AcknowledgedAt",
                table: "CommitteePages",
                columns: new[] { "MemberId", "AcknowledgedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CommitteePages_TenantId",
                table: "CommitteePages",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_CommitteeResponsibilities_CommitteeId_Area_MemberId",
                table: "CommitteeResponsibilities",
                columns: new[] { "CommitteeId", "Area", "MemberId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CommitteeResponsibilities_MemberId",
                table: "CommitteeResponsibilities",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_CommitteeResponsibilities_TenantId",
                table: "CommitteeResponsibilities",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_EmergencyActivations_AlertId",
                table: "EmergencyActivations",
                column: "AlertId");

            migrationBuilder.CreateIndex(
                name: "IX_EmergencyActivations_CommitteeId",
                table: "EmergencyActivations",
                column: "CommitteeId");

            migrationBuilder.CreateIndex(
                name: "IX_EmergencyActivations_IncidentId",
                table: "EmergencyActivations",
                column: "IncidentId");

            migrationBuilder.CreateIndex(
                name: "IX_EmergencyActivations_MeetingId",
                table: "EmergencyActivations",
                column: "MeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_EmergencyActivations_State_DeclaredAt",
                table: "EmergencyActivations",
                columns: new[] { "State", "DeclaredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_EmergencyActivations_TenantId_DeclaredAt",
                table: "EmergencyActivations",
                columns: new[] { "TenantId", "DeclaredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_MeetingAttendance_MeetingId_MemberId",
                table: "MeetingAttendance",
                columns: new[] { "MeetingId", "MemberId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MeetingAttendance_MemberId",
                table: "MeetingAttendance",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_MeetingAttendance_TenantId",
                table: "MeetingAttendance",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_PrivacySettings_TenantId",
                table: "PrivacySettings",
                column: "TenantId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Retrospectives_CommitteeId",
                table: "Retrospectives",
                column: "CommitteeId");

            migrationBuilder.CreateIndex(
                name: "IX_Retrospectives_MeetingId",
                table: "Retrospectives",
                column: "MeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_Retrospectives_TenantId_Year_Quarter",
                table: "Retrospectives",
                columns: new[] { "TenantId", "Year", "Quarter" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RetrospectiveSignatures_MemberId",
                table: "RetrospectiveSignatures",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_RetrospectiveSignatures_RetrospectiveId",
                table: "RetrospectiveSignatures",
                column: "RetrospectiveId");

            migrationBuilder.CreateIndex(
                name: "IX_RetrospectiveSignatures_TenantId",
                table: "RetrospectiveSignatures",
                column: "TenantId");

            migrationBuilder.AddForeignKey(
                name: "FK_ActionItems_CommitteeMembers_OwnerMemberId",
                table: "ActionItems",
                column: "OwnerMemberId",
                principalTable: "CommitteeMembers",
                principalColumn: "Id");

            migrationBuilder.AddForeignKey(
                name: "FK_ActionItems_EmergencyActivations_ActivationId",
                table: "ActionItems",
                column: "ActivationId",
                principalTable: "EmergencyActivations",
                principalColumn: "Id");

            migrationBuilder.AddForeignKey(
                name: "FK_ActionItems_Incidents_IncidentId",
                table: "ActionItems",
                column: "IncidentId",
                principalTable: "Incidents",
                principalColumn: "Id");

            migrationBuilder.AddForeignKey(
                name: "FK_ActionItems_Meetings_MeetingId",
                table: "ActionItems",
                column: "MeetingId",
                principalTable: "Meetings",
                principalColumn: "Id");

            migrationBuilder.AddForeignKey(
                name: "FK_ActionItems_ProtectionWindows_ProtectionWindowId",
                table: "ActionItems",
                column: "ProtectionWindowId",
                principalTable: "ProtectionWindows",
                principalColumn: "Id");

            migrationBuilder.AddForeignKey(
                name: "FK_ActionItems_Retrospectives_RetrospectiveId",
                table: "ActionItems",
                column: "RetrospectiveId",
                principalTable: "Retrospectives",
                principalColumn: "Id");

            migrationBuilder.AddForeignKey(
                name: "FK_ActionItems_ValueReports_ValueReportId",
                table: "ActionItems",
                column: "ValueReportId",
                principalTable: "ValueReports",
                principalColumn: "Id");

            migrationBuilder.AddForeignKey(
                name: "FK_CommitteeMembers_CommitteeMembers_AlternateForId",
                table: "CommitteeMembers",
                column: "AlternateForId",
                principalTable: "CommitteeMembers",
                principalColumn: "Id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_ActionItems_CommitteeMembers_OwnerMemberId",
                table: "ActionItems");

            migrationBuilder.DropForeignKey(
                name: "FK_ActionItems_EmergencyActivations_ActivationId",
                table: "ActionItems");

            migrationBuilder.DropForeignKey(
                name: "FK_ActionItems_Incidents_IncidentId",
                table: "ActionItems");

            migrationBuilder.DropForeignKey(
                name: "FK_ActionItems_Meetings_MeetingId",
                table: "ActionItems");

            migrationBuilder.DropForeignKey(
                name: "FK_ActionItems_ProtectionWindows_ProtectionWindowId",
                table: "ActionItems");

            migrationBuilder.DropForeignKey(
                name: "FK_ActionItems_Retrospectives_RetrospectiveId",
                table: "ActionItems");

            migrationBuilder.DropForeignKey(
                name: "FK_ActionItems_ValueReports_ValueReportId",
                table: "ActionItems");

            migrationBuilder.DropForeignKey(
                name: "FK_CommitteeMembers_CommitteeMembers_AlternateForId",
                table: "CommitteeMembers");

            migrationBuilder.DropTable(
                name: "ActivationStatusUpdates");

            migrationBuilder.DropTable(
                name: "AgendaItems");

            migrationBuilder.DropTable(
                name: "CalendarFeeds");

            migrationBuilder.DropTable(
                name: "CommitteeDecisions");

            migrationBuilder.DropTable(
                name: "CommitteeGoals");

            migrationBuilder.DropTable(
                name: "CommitteePages");

            migrationBuilder.DropTable(
                name: "CommitteeResponsibilities");

            migrationBuilder.DropTable(
                name: "MeetingAttendance");

            migrationBuilder.DropTable(
                name: "PrivacySettings");

            migrationBuilder.DropTable(
                name: "RetrospectiveSignatures");

            migrationBuilder.DropTable(
                name: "EmergencyActivations");

            migrationBuilder.DropTable(
                name: "Retrospectives");

            migrationBuilder.DropIndex(
                name: "IX_Meetings_CalendarUid",
                table: "Meetings");

            migrationBuilder.DropIndex(
                name: "IX_CommitteeMembers_AlternateForId",
                table: "CommitteeMembers");

            migrationBuilder.DropIndex(
                name: "IX_CommitteeMembers_TenantId_UserId",
                table: "CommitteeMembers");

            migrationBuilder.DropIndex(
                name: "IX_ActionItems_ActivationId",
                table: "ActionItems");

            migrationBuilder.DropIndex(
                name: "IX_ActionItems_IncidentId",
                table: "ActionItems");

            migrationBuilder.DropIndex(
                name: "IX_ActionItems_OwnerMemberId",
                table: "ActionItems");

            migrationBuilder.DropIndex(
                name: "IX_ActionItems_ProtectionWindowId",
                table: "ActionItems");

            migrationBuilder.DropIndex(
                name: "IX_ActionItems_RetrospectiveId",
                table: "ActionItems");

            migrationBuilder.DropIndex(
                name: "IX_ActionItems_TenantId_CreatedAt",
                table: "ActionItems");

            migrationBuilder.DropIndex(
                name: "IX_ActionItems_TenantId_Status_DueOn",
                table: "ActionItems");

            migrationBuilder.DropIndex(
                name: "IX_ActionItems_ValueReportId",
                table: "ActionItems");

            migrationBuilder.DropColumn(
                name: "MaskedValues",
                table: "RawBatches");

            migrationBuilder.DropColumn(
                name: "Review",
                table: "ProtectionWindows");

            migrationBuilder.DropColumn(
                name: "ReviewedAt",
                table: "ProtectionWindows");

            migrationBuilder.DropColumn(
                name: "ReviewedBy",
                table: "ProtectionWindows");

            migrationBuilder.DropColumn(
                name: "CalendarUid",
                table: "Meetings");

            migrationBuilder.DropColumn(
                name: "ClosedAt",
                table: "Meetings");

            migrationBuilder.DropColumn(
                name: "ClosedBy",
                table: "Meetings");

            migrationBuilder.DropColumn(
                name: "EndedAt",
                table: "Meetings");

            migrationBuilder.DropColumn(
                name: "EndsAt",
                table: "Meetings");

            migrationBuilder.DropColumn(
                name: "Location",
                table: "Meetings");

            migrationBuilder.DropColumn(
                name: "Sequence",
                table: "Meetings");

            migrationBuilder.DropColumn(
                name: "Status",
                table: "Meetings");

            migrationBuilder.DropColumn(
                name: "TimeZone",
                table: "Meetings");

            migrationBuilder.DropColumn(
                name: "Title",
                table: "Meetings");

            migrationBuilder.DropColumn(
                name: "UpdatedAt",
                table: "Meetings");

            migrationBuilder.DropColumn(
                name: "SyncDay",
                table: "Committees");

            migrationBuilder.DropColumn(
                name: "SyncMinutes",
                table: "Committees");

            migrationBuilder.DropColumn(
                name: "SyncTime",
                table: "Committees");

            migrationBuilder.DropColumn(
                name: "Active",
                table: "CommitteeMembers");

            migrationBuilder.DropColumn(
                name: "AlternateForId",
                table: "CommitteeMembers");

            migrationBuilder.DropColumn(
                name: "CanLeadIncidents",
                table: "CommitteeMembers");

            migrationBuilder.DropColumn(
                name: "Email",
                table: "CommitteeMembers");

            migrationBuilder.DropColumn(
                name: "HasDecisionAuthority",
                table: "CommitteeMembers");

            migrationBuilder.DropColumn(
                name: "Title",
                table: "CommitteeMembers");

            migrationBuilder.DropColumn(
                name: "ActivationId",
                table: "ActionItems");

            migrationBuilder.DropColumn(
                name: "CompletedAt",
                table: "ActionItems");

            migrationBuilder.DropColumn(
                name: "CreatedAt",
                table: "ActionItems");

            migrationBuilder.DropColumn(
                name: "Detail",
                table: "ActionItems");

            migrationBuilder.DropColumn(
                name: "IncidentId",
                table: "ActionItems");

            migrationBuilder.DropColumn(
                name: "Origin",
                table: "ActionItems");

            migrationBuilder.DropColumn(
                name: "Outcome",
                table: "ActionItems");

            migrationBuilder.DropColumn(
                name: "OwnerMemberId",
                table: "ActionItems");

            migrationBuilder.DropColumn(
                name: "Phase",
                table: "ActionItems");

            migrationBuilder.DropColumn(
                name: "ProtectionWindowId",
                table: "ActionItems");

            migrationBuilder.DropColumn(
                name: "RetrospectiveId",
                table: "ActionItems");

            migrationBuilder.DropColumn(
                name: "ValueReportId",
                table: "ActionItems");

            migrationBuilder.RenameColumn(
                name: "OwnerName",
                table: "ActionItems",
                newName: "Owner");

            migrationBuilder.AlterColumn<long>(
                name: "MeetingId",
                table: "ActionItems",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L,
                oldClrType: typeof(long),
                oldType: "INTEGER",
                oldNullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_CommitteeMembers_TenantId",
                table: "CommitteeMembers",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_ActionItems_TenantId_Status",
                table: "ActionItems",
                columns: new[] { "TenantId", "Status" });

            migrationBuilder.AddForeignKey(
                name: "FK_ActionItems_Meetings_MeetingId",
                table: "ActionItems",
                column: "MeetingId",
                principalTable: "Meetings",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
