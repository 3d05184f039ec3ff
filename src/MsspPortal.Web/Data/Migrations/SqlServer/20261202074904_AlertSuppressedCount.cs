using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MsspPortal.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AlertSuppressedCount : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "SuppressedCount",
                table: "Alerts",
                type: "int",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SuppressedCount",
                table: "Alerts");
        }
    }
}
