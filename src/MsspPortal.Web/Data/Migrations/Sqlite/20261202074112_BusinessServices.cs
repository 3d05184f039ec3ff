using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MsspPortal.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class BusinessServices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "BusinessServiceId",
                table: "Assets",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "BusinessServices",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    RevenuePerHour = table.Column<double>(type: "REAL", nullable: false),
                    DowntimeCostPerHour = table.Column<double>(type: "REAL", nullable: false),
                    BusinessHoursStart = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    BusinessHoursEnd = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    BusinessDays = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BusinessServices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BusinessServices_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Assets_BusinessServiceId",
                table: "Assets",
                column: "BusinessServiceId");

            migrationBuilder.CreateIndex(
                name: "IX_BusinessServices_TenantId_Name",
                table: "BusinessServices",
                columns: new[] { "TenantId", "Name" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Assets_BusinessServices_BusinessServiceId",
                table: "Assets",
                column: "BusinessServiceId",
                principalTable: "BusinessServices",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            // Each distinct service name of a tenant becomes one service, with the highest downtime cost its assets
            // carried (they repeated the same figure), so the cost is counted once.
            migrationBuilder.Sql("""
                INSERT INTO BusinessServices (TenantId, Name, Description, RevenuePerHour, DowntimeCostPerHour, BusinessHoursStart, BusinessHoursEnd, BusinessDays)
                SELECT TenantId, BusinessService, NULL, 0, MAX(DowntimeCostPerHour), '00:00:00', '00:00:00', 127
                FROM Assets WHERE BusinessService IS NOT NULL AND BusinessService <> ''
                GROUP BY TenantId, BusinessService
                """);
            migrationBuilder.Sql("""
                UPDATE Assets SET BusinessServiceId =
                    (SELECT s.Id FROM BusinessServices s WHERE s.TenantId = Assets.TenantId AND s.Name = Assets.BusinessService)
                """);

            migrationBuilder.DropColumn(
                name: "BusinessService",
                table: "Assets");

            migrationBuilder.DropColumn(
                name: "DowntimeCostPerHour",
                table: "Assets");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Assets_BusinessServices_BusinessServiceId",
                table: "Assets");

            migrationBuilder.DropTable(
                name: "BusinessServices");

            migrationBuilder.DropIndex(
                name: "IX_Assets_BusinessServiceId",
                table: "Assets");

            migrationBuilder.DropColumn(
                name: "BusinessServiceId",
                table: "Assets");

            migrationBuilder.AddColumn<string>(
                name: "BusinessService",
                table: "Assets",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "DowntimeCostPerHour",
                table: "Assets",
                type: "REAL",
                nullable: false,
                defaultValue: 0.0);
        }
    }
}
