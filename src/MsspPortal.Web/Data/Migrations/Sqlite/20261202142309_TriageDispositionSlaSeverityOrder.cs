using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MsspPortal.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TriageDispositionSlaSeverityOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Severity was stored by name; it is stored by number now so that it sorts by meaning.
            foreach (var table in new[] { "Alerts", "Incidents" })
            {
                migrationBuilder.Sql($"UPDATE {table} SET Severity = CASE Severity WHEN 'Low' THEN '0' WHEN 'Medium' THEN '1' WHEN 'High' THEN '2' WHEN 'Critical' THEN '3' ELSE Severity END;");
            }

            migrationBuilder.AlterColumn<int>(
                name: "Severity",
                table: "Incidents",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 16);

            migrationBuilder.AlterColumn<int>(
                name: "Severity",
                table: "Alerts",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 16);

            migrationBuilder.AddColumn<long>(
                name: "AcknowledgeDueAt",
                table: "Alerts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ClockPausedAt",
                table: "Alerts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Disposition",
                table: "Alerts",
                type: "TEXT",
                maxLength: 24,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DispositionReason",
                table: "Alerts",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ResolveDueAt",
                table: "Alerts",
                type: "INTEGER",
                nullable: true);

            // "False positive" was a status; it is a disposition of a resolved alert now.
            migrationBuilder.Sql("UPDATE Alerts SET Status = 'Resolved', Disposition = 'FalsePositive', DispositionReason = 'Closed as a false positive before dispositions existed' WHERE Status = 'FalsePositive';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("UPDATE Alerts SET Status = 'FalsePositive' WHERE Status = 'Resolved' AND Disposition = 'FalsePositive';");
            migrationBuilder.Sql("UPDATE Alerts SET Status = 'InProgress' WHERE Status = 'WaitingOnCustomer';");
            migrationBuilder.DropColumn(
                name: "AcknowledgeDueAt",
                table: "Alerts");

            migrationBuilder.DropColumn(
                name: "ClockPausedAt",
                table: "Alerts");

            migrationBuilder.DropColumn(
                name: "Disposition",
                table: "Alerts");

            migrationBuilder.DropColumn(
                name: "DispositionReason",
                table: "Alerts");

            migrationBuilder.DropColumn(
                name: "ResolveDueAt",
                table: "Alerts");

            migrationBuilder.AlterColumn<string>(
                name: "Severity",
                table: "Incidents",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                oldClrType: typeof(int),
                oldType: "INTEGER");

            migrationBuilder.AlterColumn<string>(
                name: "Severity",
                table: "Alerts",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                oldClrType: typeof(int),
                oldType: "INTEGER");

            foreach (var table in new[] { "Alerts", "Incidents" })
            {
                migrationBuilder.Sql($"UPDATE {table} SET Severity = CASE Severity WHEN '0' THEN 'Low' WHEN '1' THEN 'Medium' WHEN '2' THEN 'High' WHEN '3' THEN 'Critical' ELSE Severity END;");
            }
        }
    }
}
