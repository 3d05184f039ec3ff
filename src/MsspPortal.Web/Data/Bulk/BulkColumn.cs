using System.Runtime.CompilerServices;

namespace MsspPortal.Web.Data.Bulk;

// One column of a bulk-written table: the entity property it writes and how its value is bound, both to SQLite's
// raw statement (by position, see SqliteStatement) and to an ADO.NET parameter (SQL Server). A column kind per
// stored type, so binding needs no boxing and no type test per row.
internal abstract class BulkColumn<TRow>(string property, Type clrType) : IBulkColumn
{
    public string Property { get; } = property;

    public Type ClrType { get; } = clrType;

    public virtual bool WritesEnumName => false;

    public abstract void Bind(SqliteStatement statement, int index, TRow row);

    // The value as a SQL Server parameter takes it (DBNull for null).
    public abstract object Value(TRow row);

    public static BulkColumn<TRow> Text(string property, Func<TRow, string?> get) => new TextColumn(property, get);

    public static BulkColumn<TRow> Int64(string property, Func<TRow, long> get) => new Int64Column(property, get);

    public static BulkColumn<TRow> Int32(string property, Func<TRow, int> get) => new Int32Column(property, get);

    public static BulkColumn<TRow> NullableInt64(string property, Func<TRow, long?> get) => new NullableInt64Column(property, get);

    public static BulkColumn<TRow> NullableInt32(string property, Func<TRow, int?> get) => new NullableInt32Column(property, get);

    public static BulkColumn<TRow> Bool(string property, Func<TRow, bool> get) => new BoolColumn(property, get);

    public static BulkColumn<TRow> Guid(string property, Func<TRow, Guid> get) => new GuidColumn(property, get);

    public static BulkColumn<TRow> Time(string property, Func<TRow, DateTimeOffset> get) => new TimeColumn(property, get);

    public static BulkColumn<TRow> NullableTime(string property, Func<TRow, DateTimeOffset?> get) => new NullableTimeColumn(property, get);

    // An enum stored by name (a property with HasConversion&lt;string&gt;() ).
    public static BulkColumn<TRow> EnumName<TEnum>(string property, Func<TRow, TEnum> get)
        where TEnum : struct, Enum => new EnumNameColumn<TEnum>(property, get);

    // A nullable enum stored by name.
    public static BulkColumn<TRow> NullableEnumName<TEnum>(string property, Func<TRow, TEnum?> get)
        where TEnum : struct, Enum => new NullableEnumNameColumn<TEnum>(property, get);

    // An enum stored by number (no conversion, or HasConversion&lt;int&gt;() ), so that it sorts by meaning.
    public static BulkColumn<TRow> EnumNumber<TEnum>(string property, Func<TRow, TEnum> get)
        where TEnum : struct, Enum => new EnumNumberColumn<TEnum>(property, get);

    private sealed class TextColumn(string property, Func<TRow, string?> get) : BulkColumn<TRow>(property, typeof(string))
    {
        public override void Bind(SqliteStatement statement, int index, TRow row) => statement.Text(index, get(row));

        public override object Value(TRow row) => (object?)get(row) ?? DBNull.Value;
    }

    private sealed class Int64Column(string property, Func<TRow, long> get) : BulkColumn<TRow>(property, typeof(long))
    {
        public override void Bind(SqliteStatement statement, int index, TRow row) => statement.Int64(index, get(row));

        public override object Value(TRow row) => get(row);
    }

    private sealed class Int32Column(string property, Func<TRow, int> get) : BulkColumn<TRow>(property, typeof(int))
    {
        public override void Bind(SqliteStatement statement, int index, TRow row) => statement.Int64(index, get(row));

        public override object Value(TRow row) => get(row);
    }

    private sealed class NullableInt64Column(string property, Func<TRow, long?> get) : BulkColumn<TRow>(property, typeof(long?))
    {
        public override void Bind(SqliteStatement statement, int index, TRow row) => statement.Int64(index, get(row));

        public override object Value(TRow row) => (object?)get(row) ?? DBNull.Value;
    }

    private sealed class NullableInt32Column(string property, Func<TRow, int?> get) : BulkColumn<TRow>(property, typeof(int?))
    {
        public override void Bind(SqliteStatement statement, int index, TRow row) => statement.Int64(index, get(row));

        public override object Value(TRow row) => (object?)get(row) ?? DBNull.Value;
    }

    private sealed class BoolColumn(string property, Func<TRow, bool> get) : BulkColumn<TRow>(property, typeof(bool))
    {
        public override void Bind(SqliteStatement statement, int index, TRow row) => statement.Int64(index, get(row) ? 1 : 0);

        public override object Value(TRow row) => get(row);
    }

    private sealed class GuidColumn(string property, Func<TRow, Guid> get) : BulkColumn<TRow>(property, typeof(Guid))
    {
        public override void Bind(SqliteStatement statement, int index, TRow row) => statement.Guid(index, get(row));

        public override object Value(TRow row) => get(row);
    }

    private sealed class TimeColumn(string property, Func<TRow, DateTimeOffset> get) : BulkColumn<TRow>(property, typeof(DateTimeOffset))
    {
        // DateTimeOffset is stored as UTC ticks on SQLite (see SqlitePortalDbContext); SQL Server has the real type.
        public override void Bind(SqliteStatement statement, int index, TRow row) => statement.Int64(index, get(row).UtcTicks);

        public override object Value(TRow row) => get(row);
    }

    private sealed class NullableTimeColumn(string property, Func<TRow, DateTimeOffset?> get) : BulkColumn<TRow>(property, typeof(DateTimeOffset?))
    {
        public override void Bind(SqliteStatement statement, int index, TRow row) => statement.Int64(index, get(row)?.UtcTicks);

        public override object Value(TRow row) => (object?)get(row) ?? DBNull.Value;
    }

    private sealed class EnumNameColumn<TEnum> : BulkColumn<TRow>
        where TEnum : struct, Enum
    {
        private readonly Func<TRow, TEnum> _get;
        private readonly string[] _names;

        public EnumNameColumn(string property, Func<TRow, TEnum> get)
            : base(property, typeof(TEnum))
        {
            _get = get;
            // Indexed by value, so a row costs an array read: the enum must be an int counting from 0.
            var values = Enum.GetValues<TEnum>();
            if (Enum.GetUnderlyingType(typeof(TEnum)) != typeof(int) || values.Select(v => ToInt(v)).Order().Where((v, i) => v != i).Any())
            {
                throw new InvalidOperationException($"{typeof(TEnum).Name} is not an int enum numbered 0..n-1.");
            }
            _names = new string[values.Length];
            foreach (var value in values)
            {
                _names[ToInt(value)] = value.ToString();
            }
        }

        public override bool WritesEnumName => true;

        public override void Bind(SqliteStatement statement, int index, TRow row) => statement.Text(index, _names[ToInt(_get(row))]);

        public override object Value(TRow row) => _names[ToInt(_get(row))];

        private static int ToInt(TEnum value) => Unsafe.As<TEnum, int>(ref value);
    }

    private sealed class NullableEnumNameColumn<TEnum>(string property, Func<TRow, TEnum?> get) : BulkColumn<TRow>(property, typeof(TEnum?))
        where TEnum : struct, Enum
    {
        public override bool WritesEnumName => true;

        public override void Bind(SqliteStatement statement, int index, TRow row) => statement.Text(index, get(row)?.ToString());

        public override object Value(TRow row) => (object?)get(row)?.ToString() ?? DBNull.Value;
    }

    private sealed class EnumNumberColumn<TEnum>(string property, Func<TRow, TEnum> get) : BulkColumn<TRow>(property, typeof(TEnum))
        where TEnum : struct, Enum
    {
        public override void Bind(SqliteStatement statement, int index, TRow row) => statement.Int64(index, Convert.ToInt64(get(row), System.Globalization.CultureInfo.InvariantCulture));

        public override object Value(TRow row) => Convert.ToInt32(get(row), System.Globalization.CultureInfo.InvariantCulture);
    }
}
