using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MsspPortal.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class BreachClocks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PersonalDataBreaches",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    IncidentId = table.Column<long>(type: "INTEGER", nullable: false),
                    DetectedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FlaggedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FlaggedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    TenantNotifiedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    TenantAwareAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Nature = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    DataCategories = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    ApproximateDataSubjects = table.Column<int>(type: "INTEGER", nullable: true),
                    ApproximateRecords = table.Column<int>(type: "INTEGER", nullable: true),
                    LikelyConsequences = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    MeasuresTaken = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Regimes = table.Column<int>(type: "INTEGER", nullable: false),
                    CriticalInformationInfrastructure = table.Column<bool>(type: "INTEGER", nullable: false),
                    CaliforniaResidents = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PersonalDataBreaches", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PersonalDataBreaches_Incidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "Incidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PersonalDataBreaches_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "BreachNotifications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    BreachId = table.Column<long>(type: "INTEGER", nullable: false),
                    Recipient = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    NotifiedWhom = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BreachNotifications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BreachNotifications_PersonalDataBreaches_BreachId",
                        column: x => x.BreachId,
                        principalTable: "PersonalDataBreaches",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_BreachNotifications_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BreachNotifications_BreachId",
                table: "BreachNotifications",
                column: "BreachId");

            migrationBuilder.CreateIndex(
                name: "IX_BreachNotifications_TenantId",
                table: "BreachNotifications",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_PersonalDataBreaches_IncidentId",
                table: "PersonalDataBreaches",
                column: "IncidentId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PersonalDataBreaches_TenantId_DetectedAt",
                table: "PersonalDataBreaches",
                columns: new[] { "TenantId", "DetectedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BreachNotifications");

            migrationBuilder.DropTable(
                name: "PersonalDataBreaches");
        }
    }
}
