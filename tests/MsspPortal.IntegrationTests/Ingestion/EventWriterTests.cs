using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MsspPortal.Core.Events;
using MsspPortal.IntegrationTests.Infrastructure;
using MsspPortal.Web.Data;
using MsspPortal.Web.Data.Bulk;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Tenancy;
using MsspPortal.Web.Pipeline;

namespace MsspPortal.IntegrationTests.Ingestion;

/// <summary>The bulk event insert: ids handed back in input order, values stored as given (empty is not NULL).</summary>
public sealed class EventWriterTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Ids_come_back_in_input_order_across_multi_row_statements_and_values_round_trip()
    {
        var tenant = await TestTenant.CreateAsync(factory, "ew");
        var count = (2 * BulkTables.SecurityEvents.SqliteRowsPerStatement) + 7; // two full statements and a remainder of single rows
        var at = new DateTimeOffset(2026, 11, 29, 6, 0, 0, TimeSpan.Zero);
        var marker = Guid.NewGuid().ToString("N");
        var rows = Enumerable.Range(1, count).Select(i => new SecurityEvent
        {
            TenantId = tenant.Id,
            LogSourceId = (long)tenant.RowIds[typeof(LogSource)],
            LineNumber = i,
            Timestamp = at.AddSeconds(i),
            ReceivedAt = at,
            SourceIp = i % 5 == 0 ? null : $"203.0.113.{i}",
            SourcePort = i % 3 == 0 ? null : 40000 + i,
            UserName = i == 1 ? "" : $"usér-{i}",
            Outcome = i % 2 == 0 ? EventOutcome.Failure : EventOutcome.Success,
            Severity = i % 11,
            Truncated = i == count,
            RawLine = $"{marker} line {i} ünïcödé \u2603",
        }).ToList();

        long[] ids;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<ITenantContext>().Use(tenant.Id);
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            ids = await scope.ServiceProvider.GetRequiredService<EventWriter>().InsertAsync(rows, CancellationToken.None);
            await transaction.CommitAsync();
        }

        await using var check = factory.PlatformScope(out var read);
        var stored = await read.SecurityEvents.AsNoTracking().Where(e => e.RawLine.StartsWith(marker)).ToDictionaryAsync(e => e.Id);
        Assert.Equal(count, stored.Count);
        Assert.Equal(count, ids.Distinct().Count());
        for (var i = 0; i < count; i++)
        {
            var row = stored[ids[i]];
            var given = rows[i];
            Assert.Equal(given.LineNumber, row.LineNumber);
            Assert.Equal(ids[i], given.Id);
            Assert.Equal((given.SourceIp, given.SourcePort, given.UserName, given.Outcome, given.Severity, given.Truncated, given.RawLine, given.Timestamp),
                (row.SourceIp, row.SourcePort, row.UserName, row.Outcome, row.Severity, row.Truncated, row.RawLine, row.Timestamp));
        }
    }

    [Fact]
    public async Task A_row_that_fails_a_constraint_mid_statement_leaves_nothing_of_the_chunk_once_the_transaction_rolls_back()
    {
        // The multi-row INSERT runs "OR FAIL" (no statement journal): the rows before the bad one stay in the transaction
        // until the caller's rollback, which is what the chunk's transaction always does on an exception.
        var tenant = await TestTenant.CreateAsync(factory, "ewf");
        var marker = Guid.NewGuid().ToString("N");
        var at = new DateTimeOffset(2026, 11, 29, 6, 0, 0, TimeSpan.Zero);
        var rows = Enumerable.Range(1, BulkTables.SecurityEvents.SqliteRowsPerStatement * 2).Select(i => new SecurityEvent
        {
            TenantId = tenant.Id,
            LogSourceId = (long)tenant.RowIds[typeof(LogSource)],
            LineNumber = i,
            Timestamp = at.AddSeconds(i),
            ReceivedAt = at,
            RawLine = i == BulkTables.SecurityEvents.SqliteRowsPerStatement + 5 ? null! : $"{marker} line {i}",
        }).ToList();

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<ITenantContext>().Use(tenant.Id);
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var failure = await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(
                () => scope.ServiceProvider.GetRequiredService<EventWriter>().InsertAsync(rows, CancellationToken.None));
            Assert.Contains("NOT NULL", failure.Message, StringComparison.Ordinal);
        }

        await using var check = factory.PlatformScope(out var read);
        Assert.Equal(0, await read.SecurityEvents.CountAsync(e => e.RawLine.StartsWith(marker)));
    }

    [Fact]
    public async Task Events_of_a_tenant_outside_the_scope_are_refused_before_anything_is_written()
    {
        var own = await TestTenant.CreateAsync(factory, "ewo");
        var other = await TestTenant.CreateAsync(factory, "ewx");
        var marker = Guid.NewGuid().ToString("N");
        var at = new DateTimeOffset(2026, 11, 29, 6, 0, 0, TimeSpan.Zero);
        var rows = Enumerable.Range(1, 40).Select(i => new SecurityEvent
        {
            TenantId = i == 40 ? other.Id : own.Id,
            LogSourceId = (long)own.RowIds[typeof(LogSource)],
            LineNumber = i,
            Timestamp = at,
            ReceivedAt = at,
            RawLine = $"{marker} line {i}",
        }).ToList();

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<ITenantContext>().Use(own.Id);
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await Assert.ThrowsAsync<TenantAccessViolationException>(
                () => scope.ServiceProvider.GetRequiredService<EventWriter>().InsertAsync(rows, CancellationToken.None));
            await transaction.CommitAsync();
        }

        await using var check = factory.PlatformScope(out var read);
        Assert.Equal(0, await read.SecurityEvents.CountAsync(e => e.RawLine.StartsWith(marker)));
    }
}
