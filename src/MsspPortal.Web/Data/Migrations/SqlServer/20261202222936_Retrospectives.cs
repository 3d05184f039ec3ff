using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MsspPortal.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Retrospectives : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_RetrospectiveSignatures_Retrospectives_RetrospectiveId1",
                table: "RetrospectiveSignatures");

            migrationBuilder.DropIndex(
                name: "IX_RetrospectiveSignatures_RetrospectiveId1",
                table: "RetrospectiveSignatures");

            migrationBuilder.DropColumn(
                name: "RetrospectiveId1",
                table: "RetrospectiveSignatures");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "RetrospectiveId1",
                table: "RetrospectiveSignatures",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_RetrospectiveSignatures_RetrospectiveId1",
                table: "RetrospectiveSignatures",
                column: "RetrospectiveId1");

            migrationBuilder.AddForeignKey(
                name: "FK_RetrospectiveSignatures_Retrospectives_RetrospectiveId1",
                table: "RetrospectiveSignatures",
                column: "RetrospectiveId1",
                principalTable: "Retrospectives",
                principalColumn: "Id");
        }
    }
}
