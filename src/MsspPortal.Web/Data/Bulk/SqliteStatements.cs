using SQLitePCL;

namespace MsspPortal.Web.Data.Bulk;

// The bulk writers' prepared statements, kept for the context's lifetime (a batch's scope) instead of prepared again
// for every chunk: preparing the wide insert and update statements was about a tenth of detection's alert work
// (sqlite3_prepare_v2 in a sampled profile of 1M bench events). Statements belong to one connection handle; when the
// context's connection comes back with another handle, the old ones are finalized first. A statement is reset after
// each run (SqliteStatement.Execute), so a cached one holds no lock between chunks.
internal sealed class SqliteStatements : IDisposable
{
    private readonly Dictionary<string, SqliteStatement> _bySql = new(StringComparer.Ordinal);
    private sqlite3? _handle;

    public SqliteStatement Get(sqlite3 handle, string sql)
    {
        if (!ReferenceEquals(handle, _handle))
        {
            Dispose();
            _handle = handle;
        }
        if (!_bySql.TryGetValue(sql, out var statement))
        {
            statement = new SqliteStatement(handle, sql);
            _bySql[sql] = statement;
        }
        return statement;
    }

    public int Count => _bySql.Count;

    public void Dispose()
    {
        foreach (var statement in _bySql.Values)
        {
            statement.Dispose();
        }
        _bySql.Clear();
        _handle = null;
    }
}
