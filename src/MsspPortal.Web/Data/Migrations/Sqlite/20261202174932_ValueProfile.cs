using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MsspPortal.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ValueProfile : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "BusinessProfiles",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerStaffHourlyCost = table.Column<double>(type: "REAL", precision: 18, scale: 2, nullable: false),
                    AverageFraudLoss = table.Column<double>(type: "REAL", precision: 18, scale: 2, nullable: false),
                    Baseline_InterruptionHoursPerMonth = table.Column<double>(type: "REAL", precision: 18, scale: 2, nullable: true),
                    Baseline_FraudRatePercent = table.Column<double>(type: "REAL", precision: 9, scale: 4, nullable: true),
                    Baseline_IncidentsPerMonth = table.Column<double>(type: "REAL", precision: 18, scale: 2, nullable: true),
                    Baseline_ComplianceAuditDays = table.Column<double>(type: "REAL", precision: 18, scale: 2, nullable: true),
                    Baseline_CustomerChurnPercent = table.Column<double>(type: "REAL", precision: 9, scale: 4, nullable: true),
                    Baseline_MeanTimeToRespondHours = table.Column<double>(type: "REAL", precision: 18, scale: 2, nullable: true),
                    Baseline_CustomerStaffHoursPerMonth = table.Column<double>(type: "REAL", precision: 18, scale: 2, nullable: true),
                    Baseline_AnnualRevenue = table.Column<double>(type: "REAL", precision: 18, scale: 2, nullable: true),
                    Baseline_MeasuredOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Baseline_Source = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BusinessProfiles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BusinessProfiles_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ReportedFigures",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Metric = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Value = table.Column<double>(type: "REAL", precision: 20, scale: 4, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ReportedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    ReportedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CausalityConfirmedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportedFigures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReportedFigures_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ValueAssumptionSets",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ValueAssumptionSets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ValueAssumptionSets_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ValueAssumptions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ValueAssumptionSetId = table.Column<long>(type: "INTEGER", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Distribution = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Min = table.Column<double>(type: "REAL", precision: 18, scale: 6, nullable: false),
                    MostLikely = table.Column<double>(type: "REAL", precision: 18, scale: 6, nullable: false),
                    Max = table.Column<double>(type: "REAL", precision: 18, scale: 6, nullable: false),
                    Unit = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    SourceYear = table.Column<int>(type: "INTEGER", nullable: false),
                    ApprovedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    ApprovedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ValueAssumptions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ValueAssumptions_ValueAssumptionSets_ValueAssumptionSetId",
                        column: x => x.ValueAssumptionSetId,
                        principalTable: "ValueAssumptionSets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BusinessProfiles_TenantId",
                table: "BusinessProfiles",
                column: "TenantId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReportedFigures_TenantId_Metric_Month",
                table: "ReportedFigures",
                columns: new[] { "TenantId", "Metric", "Month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ValueAssumptions_TenantId",
                table: "ValueAssumptions",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_ValueAssumptions_ValueAssumptionSetId_Key",
                table: "ValueAssumptions",
                columns: new[] { "ValueAssumptionSetId", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ValueAssumptionSets_TenantId_Version",
                table: "ValueAssumptionSets",
                columns: new[] { "TenantId", "Version" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BusinessProfiles");

            migrationBuilder.DropTable(
                name: "ReportedFigures");

            migrationBuilder.DropTable(
                name: "ValueAssumptions");

            migrationBuilder.DropTable(
                name: "ValueAssumptionSets");
        }
    }
}
