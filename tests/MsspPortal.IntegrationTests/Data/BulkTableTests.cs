using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using MsspPortal.IntegrationTests.Infrastructure;
using MsspPortal.Web.Data.Bulk;
using MsspPortal.Web.Domain;

namespace MsspPortal.IntegrationTests.Data;

/// <summary>
/// Every table written with SQL past EF has a descriptor, and the descriptor writes exactly the entity's mapped columns:
/// a property added to the entity (a history field for triage) fails here until the bulk writers write it too.
/// </summary>
public sealed class BulkTableTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    public static TheoryData<string> Descriptors() => [.. AllDescriptors().Keys];

    [Theory]
    [MemberData(nameof(Descriptors))]
    public async Task A_descriptor_writes_exactly_the_mapped_columns_of_its_entity(string name)
    {
        await using var scope = factory.PlatformScope(out var db);
        Assert.Empty(Disagreements(db.Model, AllDescriptors()[name]));
    }

    [Fact]
    public async Task A_descriptor_that_lacks_a_column_names_a_missing_one_or_reads_the_wrong_type_is_caught()
    {
        await using var scope = factory.PlatformScope(out var db);
        var wrong = new BulkTable<AlertEvent>(typeof(AlertEvent), e => e.TenantId, 1, ["Id"],
            BulkColumn<AlertEvent>.Guid(nameof(AlertEvent.TenantId), e => e.TenantId),
            BulkColumn<AlertEvent>.Int32(nameof(AlertEvent.AlertId), e => (int)e.AlertId),
            BulkColumn<AlertEvent>.Text("Note", _ => null));

        var found = Disagreements(db.Model, wrong);

        Assert.Contains(found, d => d.Contains("EventId", StringComparison.Ordinal) && d.Contains("lacks", StringComparison.Ordinal));
        Assert.Contains(found, d => d.Contains("Note", StringComparison.Ordinal) && d.Contains("no mapped", StringComparison.Ordinal));
        Assert.Contains(found, d => d.Contains("AlertId", StringComparison.Ordinal) && d.Contains("Int32", StringComparison.Ordinal));
        Assert.Throws<InvalidOperationException>(() => wrong.SqliteInsertSql(db.Model, 1));
    }

    private static Dictionary<string, IBulkTable> AllDescriptors() =>
        typeof(BulkTables).GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Where(p => typeof(IBulkTable).IsAssignableFrom(p.PropertyType))
            .ToDictionary(p => p.Name, p => (IBulkTable)p.GetValue(null)!);

    private static List<string> Disagreements(IModel model, IBulkTable table)
    {
        var entity = model.FindEntityType(table.Entity) ?? throw new InvalidOperationException($"{table.Entity.Name} is not in the model.");
        var mapped = entity.GetProperties().Where(p => p.GetColumnName() is not null).ToDictionary(p => p.Name);
        var found = new List<string>();
        // A computed column is the database's to fill: a descriptor must neither write it nor miss it.
        foreach (var computed in mapped.Values.Where(p => p.GetComputedColumnSql() is not null && table.Columns.Any(c => c.Property == p.Name)))
        {
            found.Add($"{entity.ClrType.Name}.{computed.Name} is computed by the database, but the descriptor writes it.");
        }
        foreach (var property in mapped.Values.Where(p => p.GetComputedColumnSql() is null && !table.Generated.Contains(p.Name) && table.Columns.All(c => c.Property != p.Name)))
        {
            found.Add($"{entity.ClrType.Name}.{property.Name} (column {property.GetColumnName()}) is mapped, but the descriptor lacks it.");
        }
        foreach (var generated in table.Generated.Where(g => !mapped.TryGetValue(g, out var p) || p.ValueGenerated != ValueGenerated.OnAdd))
        {
            found.Add($"{generated} is listed as generated, but {entity.ClrType.Name} has no mapped property the database fills by that name.");
        }
        foreach (var column in table.Columns)
        {
            if (!mapped.TryGetValue(column.Property, out var property))
            {
                found.Add($"The descriptor writes {column.Property}, but {entity.ClrType.Name} has no mapped property of that name.");
                continue;
            }
            if (property.ClrType != column.ClrType)
            {
                found.Add($"{column.Property} is {property.ClrType.Name} in the model, but the descriptor reads a {column.ClrType.Name}.");
            }
            var storedAsName = property.GetTypeMapping().Converter?.ProviderClrType == typeof(string);
            if ((Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType).IsEnum && storedAsName != column.WritesEnumName)
            {
                found.Add($"{column.Property} is stored {(storedAsName ? "by name" : "by number")}, but the descriptor writes it {(column.WritesEnumName ? "by name" : "by number")}.");
            }
        }
        if (table.Columns.Select(c => c.Property).Distinct().Count() != table.Columns.Count)
        {
            found.Add("The descriptor writes a column twice.");
        }
        return found;
    }
}
