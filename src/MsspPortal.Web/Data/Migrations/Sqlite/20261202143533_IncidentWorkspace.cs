using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MsspPortal.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class IncidentWorkspace : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "EstimatedLoss",
                table: "Incidents",
                newName: "ActualLoss");

            migrationBuilder.AddColumn<long>(
                name: "AcknowledgeDueAt",
                table: "Incidents",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "AcknowledgedAt",
                table: "Incidents",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "BusinessServiceId",
                table: "Incidents",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ClockPausedAt",
                table: "Incidents",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LossSource",
                table: "Incidents",
                type: "TEXT",
                maxLength: 400,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OwnerId",
                table: "Incidents",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ResolveDueAt",
                table: "Incidents",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "IncidentHistory",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    IncidentId = table.Column<long>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", nullable: true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Field = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    From = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    To = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IncidentHistory", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IncidentHistory_Incidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "Incidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_IncidentHistory_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "IncidentTasks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    IncidentId = table.Column<long>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    AssigneeId = table.Column<string>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DoneAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IncidentTasks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IncidentTasks_AspNetUsers_AssigneeId",
                        column: x => x.AssigneeId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_IncidentTasks_Incidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "Incidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_IncidentTasks_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Incidents_BusinessServiceId",
                table: "Incidents",
                column: "BusinessServiceId");

            migrationBuilder.CreateIndex(
                name: "IX_Incidents_OpenedAt_Id",
                table: "Incidents",
                columns: new[] { "OpenedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Incidents_OwnerId",
                table: "Incidents",
                column: "OwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_IncidentHistory_IncidentId_At",
                table: "IncidentHistory",
                columns: new[] { "IncidentId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_IncidentHistory_TenantId",
                table: "IncidentHistory",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_IncidentTasks_AssigneeId",
                table: "IncidentTasks",
                column: "AssigneeId");

            migrationBuilder.CreateIndex(
                name: "IX_IncidentTasks_IncidentId",
                table: "IncidentTasks",
                column: "IncidentId");

            migrationBuilder.CreateIndex(
                name: "IX_IncidentTasks_TenantId",
                table: "IncidentTasks",
                column: "TenantId");

            migrationBuilder.AddForeignKey(
                name: "FK_Incidents_AspNetUsers_OwnerId",
                table: "Incidents",
                column: "OwnerId",
                principalTable: "AspNetUsers",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "FK_Incidents_BusinessServices_BusinessServiceId",
                table: "Incidents",
                column: "BusinessServiceId",
                principalTable: "BusinessServices",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Incidents_AspNetUsers_OwnerId",
                table: "Incidents");

            migrationBuilder.DropForeignKey(
                name: "FK_Incidents_BusinessServices_BusinessServiceId",
                table: "Incidents");

            migrationBuilder.DropTable(
                name: "IncidentHistory");

            migrationBuilder.DropTable(
                name: "IncidentTasks");

            migrationBuilder.DropIndex(
                name: "IX_Incidents_BusinessServiceId",
                table: "Incidents");

            migrationBuilder.DropIndex(
                name: "IX_Incidents_OpenedAt_Id",
                table: "Incidents");

            migrationBuilder.DropIndex(
                name: "IX_Incidents_OwnerId",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "AcknowledgeDueAt",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "AcknowledgedAt",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "BusinessServiceId",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "ClockPausedAt",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "LossSource",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "OwnerId",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "ResolveDueAt",
                table: "Incidents");

            migrationBuilder.RenameColumn(
                name: "ActualLoss",
                table: "Incidents",
                newName: "EstimatedLoss");
        }
    }
}
