using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MsspPortal.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LeanEventIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_SecurityEvents_LogSources_LogSourceId",
                table: "SecurityEvents");

            migrationBuilder.DropIndex(
                name: "IX_SecurityEvents_LogSourceId",
                table: "SecurityEvents");

            migrationBuilder.DropIndex(
                name: "IX_SecurityEvents_TenantId_SourceIp_Timestamp",
                table: "SecurityEvents");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_SecurityEvents_LogSourceId",
                table: "SecurityEvents",
                column: "LogSourceId");

            migrationBuilder.CreateIndex(
                name: "IX_SecurityEvents_TenantId_SourceIp_Timestamp",
                table: "SecurityEvents",
                columns: new[] { "TenantId", "SourceIp", "Timestamp" });

            migrationBuilder.AddForeignKey(
                name: "FK_SecurityEvents_LogSources_LogSourceId",
                table: "SecurityEvents",
                column: "LogSourceId",
                principalTable: "LogSources",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }
    }
}
