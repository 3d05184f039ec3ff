using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MsspPortal.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ComplianceFrameworks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ComplianceChecks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    FrameworkId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    FrameworkVersion = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Month = table.Column<DateOnly>(type: "date", nullable: false),
                    FrozenAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    PreviousCheckId = table.Column<long>(type: "bigint", nullable: true),
                    Met = table.Column<int>(type: "int", nullable: false),
                    PartlyMet = table.Column<int>(type: "int", nullable: false),
                    NotMet = table.Column<int>(type: "int", nullable: false),
                    NotAssessed = table.Column<int>(type: "int", nullable: false),
                    NotApplicable = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ComplianceChecks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ComplianceChecks_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ControlAssessments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    FrameworkId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    ControlId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Owner = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    ReviewDue = table.Column<DateOnly>(type: "date", nullable: true),
                    NotApplicableReason = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    UpdatedBy = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ControlAssessments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ControlAssessments_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "EvidencePackRecords",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    FrameworkId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    PeriodStart = table.Column<DateOnly>(type: "date", nullable: false),
                    PeriodEnd = table.Column<DateOnly>(type: "date", nullable: false),
                    GeneratedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    GeneratedBy = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true),
                    Controls = table.Column<int>(type: "int", nullable: false),
                    AutomatedControls = table.Column<int>(type: "int", nullable: false),
                    SizeBytes = table.Column<long>(type: "bigint", nullable: false),
                    Sha256 = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvidencePackRecords", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EvidencePackRecords_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "LicensedControlTexts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    FrameworkId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    ControlId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Text = table.Column<string>(type: "nvarchar(max)", maxLength: 8000, nullable: false),
                    ImportedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    ImportedBy = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LicensedControlTexts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LicensedControlTexts_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ManualEvidence",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    FrameworkId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    ControlId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Title = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    FileName = table.Column<string>(type: "nvarchar(255)", maxLength: 255, nullable: true),
                    ContentType = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    Content = table.Column<byte[]>(type: "varbinary(max)", nullable: true),
                    SizeBytes = table.Column<long>(type: "bigint", nullable: false),
                    AttestationText = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    Owner = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    AddedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    AddedBy = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true),
                    ReviewDue = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ManualEvidence", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ManualEvidence_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TenantFrameworks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    FrameworkId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    AppliesSince = table.Column<DateOnly>(type: "date", nullable: false),
                    ScopeNote = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    UpdatedBy = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TenantFrameworks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TenantFrameworks_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ComplianceCheckResults",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CheckId = table.Column<long>(type: "bigint", nullable: false),
                    ControlId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Status = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    Automation = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    EvidenceSummary = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    PreviousStatus = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ComplianceCheckResults", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ComplianceCheckResults_ComplianceChecks_CheckId",
                        column: x => x.CheckId,
                        principalTable: "ComplianceChecks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ComplianceCheckResults_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ComplianceCheckResults_CheckId",
                table: "ComplianceCheckResults",
                column: "CheckId");

            migrationBuilder.CreateIndex(
                name: "IX_ComplianceCheckResults_TenantId",
                table: "ComplianceCheckResults",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_ComplianceChecks_TenantId_FrameworkId_Month",
                table: "ComplianceChecks",
                columns: new[] { "TenantId", "FrameworkId", "Month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ControlAssessments_TenantId_FrameworkId_ControlId",
                table: "ControlAssessments",
                columns: new[] { "TenantId", "FrameworkId", "ControlId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EvidencePackRecords_TenantId_GeneratedAt",
                table: "EvidencePackRecords",
                columns: new[] { "TenantId", "GeneratedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_LicensedControlTexts_TenantId_FrameworkId_ControlId",
                table: "LicensedControlTexts",
                columns: new[] { "TenantId", "FrameworkId", "ControlId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ManualEvidence_TenantId_FrameworkId_ControlId",
                table: "ManualEvidence",
                columns: new[] { "TenantId", "FrameworkId", "ControlId" });

            migrationBuilder.CreateIndex(
                name: "IX_TenantFrameworks_TenantId_FrameworkId",
                table: "TenantFrameworks",
                columns: new[] { "TenantId", "FrameworkId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ComplianceCheckResults");

            migrationBuilder.DropTable(
                name: "ControlAssessments");

            migrationBuilder.DropTable(
                name: "EvidencePackRecords");

            migrationBuilder.DropTable(
                name: "LicensedControlTexts");

            migrationBuilder.DropTable(
                name: "ManualEvidence");

            migrationBuilder.DropTable(
                name: "TenantFrameworks");

            migrationBuilder.DropTable(
                name: "ComplianceChecks");
        }
    }
}
