using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MsspPortal.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AlertTextSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The queue's free text (AlertTextSearch): an FTS5 index with the trigram tokenizer over the alert's title and
            // entities, its content read from Alerts and kept by triggers. A migration that rebuilds the Alerts table
            // drops these triggers with it and must create them again (CreateTriggers; the free-text queue test checks they exist).
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE "AlertSearch" USING fts5("Title", "UserName", "HostName", "SourceIp", "DestinationIp", content='Alerts', content_rowid='Id', tokenize='trigram');
                """);
            migrationBuilder.Sql("""INSERT INTO "AlertSearch"("AlertSearch") VALUES('rebuild');""");
            CreateTriggers(migrationBuilder);
        }

        // Also called by a later migration whose rebuild of Alerts (SQLite copies the table) drops them.
        internal static void CreateTriggers(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TRIGGER "Alerts_Search_Insert" AFTER INSERT ON "Alerts" BEGIN
                    INSERT INTO "AlertSearch"(rowid, "Title", "UserName", "HostName", "SourceIp", "DestinationIp") VALUES (new."Id", new."Title", new."UserName", new."HostName", new."SourceIp", new."DestinationIp");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Alerts_Search_Delete" AFTER DELETE ON "Alerts" BEGIN
                    INSERT INTO "AlertSearch"("AlertSearch", rowid, "Title", "UserName", "HostName", "SourceIp", "DestinationIp") VALUES ('delete', old."Id", old."Title", old."UserName", old."HostName", old."SourceIp", old."DestinationIp");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Alerts_Search_Update" AFTER UPDATE OF "Title", "UserName", "HostName", "SourceIp", "DestinationIp" ON "Alerts" BEGIN
                    INSERT INTO "AlertSearch"("AlertSearch", rowid, "Title", "UserName", "HostName", "SourceIp", "DestinationIp") VALUES ('delete', old."Id", old."Title", old."UserName", old."HostName", old."SourceIp", old."DestinationIp");
                    INSERT INTO "AlertSearch"(rowid, "Title", "UserName", "HostName", "SourceIp", "DestinationIp") VALUES (new."Id", new."Title", new."UserName", new."HostName", new."SourceIp", new."DestinationIp");
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER "Alerts_Search_Update";""");
            migrationBuilder.Sql("""DROP TRIGGER "Alerts_Search_Delete";""");
            migrationBuilder.Sql("""DROP TRIGGER "Alerts_Search_Insert";""");
            migrationBuilder.Sql("""DROP TABLE "AlertSearch";""");
        }
    }
}
