using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MsspPortal.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AlertMergedInto : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "MergedIntoId",
                table: "Alerts",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Alerts_MergedIntoId",
                table: "Alerts",
                column: "MergedIntoId",
                filter: "\"MergedIntoId\" IS NOT NULL");

            migrationBuilder.AddForeignKey(
                name: "FK_Alerts_Alerts_MergedIntoId",
                table: "Alerts",
                column: "MergedIntoId",
                principalTable: "Alerts",
                principalColumn: "Id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Alerts_Alerts_MergedIntoId",
                table: "Alerts");

            migrationBuilder.DropIndex(
                name: "IX_Alerts_MergedIntoId",
                table: "Alerts");

            migrationBuilder.DropColumn(
                name: "MergedIntoId",
                table: "Alerts");
        }
    }
}
