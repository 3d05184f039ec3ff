using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MsspPortal.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AlertMergedInto : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Hand-written: EF adds a foreign key on SQLite by rebuilding the table, which would copy every alert and drop
            // the text index's triggers (AlertTextSearch). SQLite adds a nullable column with its REFERENCES clause in
            // place; the model snapshot records the same foreign key, so later migrations see no difference.
            migrationBuilder.Sql("ALTER TABLE \"Alerts\" ADD \"MergedIntoId\" INTEGER NULL "
                + "CONSTRAINT \"FK_Alerts_Alerts_MergedIntoId\" REFERENCES \"Alerts\" (\"Id\") ON DELETE SET NULL;");

            migrationBuilder.CreateIndex(
                name: "IX_Alerts_MergedIntoId",
                table: "Alerts",
                column: "MergedIntoId",
                filter: "\"MergedIntoId\" IS NOT NULL");
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
            // EF drops the column by rebuilding the table, which drops the text index's triggers with the old table.
            AlertTextSearch.CreateTriggers(migrationBuilder);
        }
    }
}
