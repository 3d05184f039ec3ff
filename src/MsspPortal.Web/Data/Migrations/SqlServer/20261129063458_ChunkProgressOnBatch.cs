using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MsspPortal.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ChunkProgressOnBatch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ChunksProcessed",
                table: "RawBatches",
                type: "int",
                nullable: false,
                defaultValue: 0);

            // Chunks were processed in sequence, so the processed ones of a batch are a prefix: their count is the cursor.
            migrationBuilder.Sql(
                "UPDATE \"RawBatches\" SET \"ChunksProcessed\" = (SELECT COUNT(*) FROM \"RawBatchChunks\" " +
                "WHERE \"RawBatchChunks\".\"BatchId\" = \"RawBatches\".\"Id\" AND \"RawBatchChunks\".\"Processed\" = 1)");

            migrationBuilder.DropColumn(
                name: "Processed",
                table: "RawBatchChunks");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ChunksProcessed",
                table: "RawBatches");

            migrationBuilder.AddColumn<bool>(
                name: "Processed",
                table: "RawBatchChunks",
                type: "bit",
                nullable: false,
                defaultValue: false);
        }
    }
}
