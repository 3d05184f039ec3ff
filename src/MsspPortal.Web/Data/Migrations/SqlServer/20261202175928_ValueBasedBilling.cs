using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MsspPortal.Web.Data.Migrations.SqlServer
{
    /// <summary>
    /// Value-based billing: the base fee per billing period (renamed from BaseMonthlyFee, existing rows monthly), the
    /// share of revenue growth with its threshold, reading and cap, and SLA credits per severity. Hand-written: EF
    /// guessed the renames wrongly. Down cannot bring back a value share that Up set to none.
    /// </summary>
    public partial class ValueBasedBilling : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The base fee keeps its amount and stays monthly: existing contracts bill as before.
            migrationBuilder.RenameColumn(
                name: "BaseMonthlyFee",
                table: "ServiceContracts",
                newName: "BaseFee");

            migrationBuilder.RenameColumn(
                name: "ValueSharePercent",
                table: "ServiceContracts",
                newName: "RevenueSharePercent");

            migrationBuilder.RenameColumn(
                name: "ValueShareCap",
                table: "ServiceContracts",
                newName: "RevenueShareCap");

            migrationBuilder.AddColumn<string>(
                name: "BillingPeriod",
                table: "ServiceContracts",
                type: "nvarchar(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "Monthly");

            migrationBuilder.AddColumn<string>(
                name: "Currency",
                table: "ServiceContracts",
                type: "nvarchar(3)",
                maxLength: 3,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "RevenueShareThresholdPercent",
                table: "ServiceContracts",
                type: "decimal(18,2)",
                nullable: false,
                defaultValue: 10m);

            migrationBuilder.AddColumn<string>(
                name: "RevenueShareReading",
                table: "ServiceContracts",
                type: "nvarchar(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "Marginal");

            migrationBuilder.AddColumn<decimal>(
                name: "SlaCreditCap",
                table: "ServiceContracts",
                type: "decimal(18,2)",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "TargetAttainmentPercent",
                table: "SlaTargets",
                type: "decimal(18,2)",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "CreditPercent",
                table: "SlaTargets",
                type: "decimal(18,2)",
                nullable: false,
                defaultValue: 0m);

            // The old share was a share of losses avoided, an estimated range: it has no meaning as a share of revenue
            // growth, and applying its percent there could multiply a fee. It is set to none until the contract is re-agreed.
            migrationBuilder.Sql("UPDATE ServiceContracts SET RevenueSharePercent = 0, RevenueShareCap = NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CreditPercent",
                table: "SlaTargets");

            migrationBuilder.DropColumn(
                name: "TargetAttainmentPercent",
                table: "SlaTargets");

            migrationBuilder.DropColumn(
                name: "SlaCreditCap",
                table: "ServiceContracts");

            migrationBuilder.DropColumn(
                name: "RevenueShareReading",
                table: "ServiceContracts");

            migrationBuilder.DropColumn(
                name: "RevenueShareThresholdPercent",
                table: "ServiceContracts");

            migrationBuilder.DropColumn(
                name: "Currency",
                table: "ServiceContracts");

            migrationBuilder.DropColumn(
                name: "BillingPeriod",
                table: "ServiceContracts");

            migrationBuilder.RenameColumn(
                name: "RevenueShareCap",
                table: "ServiceContracts",
                newName: "ValueShareCap");

            migrationBuilder.RenameColumn(
                name: "RevenueSharePercent",
                table: "ServiceContracts",
                newName: "ValueSharePercent");

            migrationBuilder.RenameColumn(
                name: "BaseFee",
                table: "ServiceContracts",
                newName: "BaseMonthlyFee");
        }
    }
}
