using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MsspPortal.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReceivePathSourceZoneAndRawBytes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<byte[]>(
                name: "RawBytes",
                table: "QuarantinedLines",
                type: "BLOB",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TimeZone",
                table: "LogSources",
                type: "TEXT",
                maxLength: 64,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RawBytes",
                table: "QuarantinedLines");

            migrationBuilder.DropColumn(
                name: "TimeZone",
                table: "LogSources");
        }
    }
}
