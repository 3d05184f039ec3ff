using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MsspPortal.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AlertSuppressionsAndSimilarIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AlertSuppressions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RuleId = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Field = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Value = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    Until = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    CreatedBy = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    SuppressedCount = table.Column<int>(type: "int", nullable: false),
                    LastSuppressedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AlertSuppressions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AlertSuppressions_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Alerts_HostName_DetectedAt",
                table: "Alerts",
                columns: new[] { "HostName", "DetectedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Alerts_SourceIp_DetectedAt",
                table: "Alerts",
                columns: new[] { "SourceIp", "DetectedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Alerts_UserName_DetectedAt",
                table: "Alerts",
                columns: new[] { "UserName", "DetectedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_AlertSuppressions_TenantId_RuleId_Until",
                table: "AlertSuppressions",
                columns: new[] { "TenantId", "RuleId", "Until" });

            migrationBuilder.CreateIndex(
                name: "IX_AlertSuppressions_TenantId_Until",
                table: "AlertSuppressions",
                columns: new[] { "TenantId", "Until" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AlertSuppressions");

            migrationBuilder.DropIndex(
                name: "IX_Alerts_HostName_DetectedAt",
                table: "Alerts");

            migrationBuilder.DropIndex(
                name: "IX_Alerts_SourceIp_DetectedAt",
                table: "Alerts");

            migrationBuilder.DropIndex(
                name: "IX_Alerts_UserName_DetectedAt",
                table: "Alerts");
        }
    }
}
