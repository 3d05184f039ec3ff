using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MsspPortal.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class QueueSortIndexesAndSavedViews : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Alerts_AssigneeId",
                table: "Alerts");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "SlaDueAt",
                table: "Alerts",
                type: "datetimeoffset",
                nullable: true,
                computedColumnSql: "CASE WHEN \"Status\" = 'New' THEN \"AcknowledgeDueAt\" ELSE \"ResolveDueAt\" END",
                stored: false);

            migrationBuilder.CreateTable(
                name: "SavedViews",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    OwnerId = table.Column<string>(type: "nvarchar(450)", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Query = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    Shared = table.Column<bool>(type: "bit", nullable: false),
                    IsDefault = table.Column<bool>(type: "bit", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SavedViews", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SavedViews_AspNetUsers_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Alerts_AssigneeId_RiskScore_Id",
                table: "Alerts",
                columns: new[] { "AssigneeId", "RiskScore", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Alerts_Open_DetectedAt_Id",
                table: "Alerts",
                columns: new[] { "DetectedAt", "Id" },
                filter: "\"Status\" <> 'Resolved'");

            migrationBuilder.CreateIndex(
                name: "IX_Alerts_Open_RiskScore_Id",
                table: "Alerts",
                columns: new[] { "RiskScore", "Id" },
                filter: "\"Status\" <> 'Resolved'");


            migrationBuilder.CreateIndex(
                name: "IX_Alerts_RiskScore_Id",
                table: "Alerts",
                columns: new[] { "RiskScore", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Alerts_RuleId_RiskScore_Id",
                table: "Alerts",
                columns: new[] { "RuleId", "RiskScore", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Alerts_Severity_DetectedAt_Id",
                table: "Alerts",
                columns: new[] { "Severity", "DetectedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Alerts_Severity_RiskScore_Id",
                table: "Alerts",
                columns: new[] { "Severity", "RiskScore", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Alerts_SlaDueAt_Id",
                table: "Alerts",
                columns: new[] { "SlaDueAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Alerts_Status_DetectedAt_Id",
                table: "Alerts",
                columns: new[] { "Status", "DetectedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Alerts_Status_RiskScore_Id",
                table: "Alerts",
                columns: new[] { "Status", "RiskScore", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Alerts_Status_SlaDueAt_Id",
                table: "Alerts",
                columns: new[] { "Status", "SlaDueAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Alerts_TenantId_RiskScore_Id",
                table: "Alerts",
                columns: new[] { "TenantId", "RiskScore", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Alerts_TenantId_SlaDueAt_Id",
                table: "Alerts",
                columns: new[] { "TenantId", "SlaDueAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_SavedViews_OwnerId_Name",
                table: "SavedViews",
                columns: new[] { "OwnerId", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_SavedViews_Shared",
                table: "SavedViews",
                column: "Shared");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SavedViews");

            migrationBuilder.DropIndex(
                name: "IX_Alerts_AssigneeId_RiskScore_Id",
                table: "Alerts");

            migrationBuilder.DropIndex(
                name: "IX_Alerts_Open_DetectedAt_Id",
                table: "Alerts");

            migrationBuilder.DropIndex(
                name: "IX_Alerts_Open_RiskScore_Id",
                table: "Alerts");


            migrationBuilder.DropIndex(
                name: "IX_Alerts_RiskScore_Id",
                table: "Alerts");

            migrationBuilder.DropIndex(
                name: "IX_Alerts_RuleId_RiskScore_Id",
                table: "Alerts");

            migrationBuilder.DropIndex(
                name: "IX_Alerts_Severity_DetectedAt_Id",
                table: "Alerts");

            migrationBuilder.DropIndex(
                name: "IX_Alerts_Severity_RiskScore_Id",
                table: "Alerts");

            migrationBuilder.DropIndex(
                name: "IX_Alerts_SlaDueAt_Id",
                table: "Alerts");

            migrationBuilder.DropIndex(
                name: "IX_Alerts_Status_DetectedAt_Id",
                table: "Alerts");

            migrationBuilder.DropIndex(
                name: "IX_Alerts_Status_RiskScore_Id",
                table: "Alerts");

            migrationBuilder.DropIndex(
                name: "IX_Alerts_Status_SlaDueAt_Id",
                table: "Alerts");

            migrationBuilder.DropIndex(
                name: "IX_Alerts_TenantId_RiskScore_Id",
                table: "Alerts");

            migrationBuilder.DropIndex(
                name: "IX_Alerts_TenantId_SlaDueAt_Id",
                table: "Alerts");

            migrationBuilder.DropColumn(
                name: "SlaDueAt",
                table: "Alerts");

            migrationBuilder.CreateIndex(
                name: "IX_Alerts_AssigneeId",
                table: "Alerts",
                column: "AssigneeId");
        }
    }
}
