using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MsspPortal.Web.Data.Migrations.SqlServer
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
                type: "int",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "nvarchar(16)",
                oldMaxLength: 16);

            migrationBuilder.AlterColumn<int>(
                name: "Severity",
                table: "Alerts",
                type: "int",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "nvarchar(16)",
                oldMaxLength: 16);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "AcknowledgeDueAt",
                table: "Alerts",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ClockPausedAt",
                table: "Alerts",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Disposition",
                table: "Alerts",
                type: "nvarchar(24)",
                maxLength: 24,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DispositionReason",
                table: "Alerts",
                type: "nvarchar(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ResolveDueAt",
                table: "Alerts",
                type: "datetimeoffset",
                nullable: true);

            // "WaitingOnCustomer" is longer than the 16 characters the status had. Widening before any computed column or
            // filtered index reads Status keeps this a plain ALTER on SQL Server.
            migrationBuilder.AlterColumn<string>(
                name: "Status",
                table: "Alerts",
                type: "nvarchar(24)",
                maxLength: 24,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "nvarchar(16)",
                oldMaxLength: 16);

            // "False positive" was a status; it is a disposition of a resolved alert now.
            migrationBuilder.Sql("UPDATE Alerts SET Status = 'Resolved', Disposition = 'FalsePositive', DispositionReason = 'Closed as a false positive before dispositions existed' WHERE Status = 'FalsePositive';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("UPDATE Alerts SET Status = 'FalsePositive' WHERE Status = 'Resolved' AND Disposition = 'FalsePositive';");
            migrationBuilder.Sql("UPDATE Alerts SET Status = 'InProgress' WHERE Status = 'WaitingOnCustomer';");
            migrationBuilder.AlterColumn<string>(
                name: "Status",
                table: "Alerts",
                type: "nvarchar(16)",
                maxLength: 16,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "nvarchar(24)",
                oldMaxLength: 24);
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
                type: "nvarchar(16)",
                maxLength: 16,
                nullable: false,
                oldClrType: typeof(int),
                oldType: "int");

            migrationBuilder.AlterColumn<string>(
                name: "Severity",
                table: "Alerts",
                type: "nvarchar(16)",
                maxLength: 16,
                nullable: false,
                oldClrType: typeof(int),
                oldType: "int");

            foreach (var table in new[] { "Alerts", "Incidents" })
            {
                migrationBuilder.Sql($"UPDATE {table} SET Severity = CASE Severity WHEN '0' THEN 'Low' WHEN '1' THEN 'Medium' WHEN '2' THEN 'High' WHEN '3' THEN 'Critical' ELSE Severity END;");
            }
        }
    }
}
