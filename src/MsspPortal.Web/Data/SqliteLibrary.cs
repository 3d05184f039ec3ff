using SQLitePCL;

namespace MsspPortal.Web.Data;

// Process-wide SQLite settings, applied before the first connection opens. The bundled library is built
// "serialized": every call (each bind, each step) takes the connection's mutex, and every allocation a global one
// for memory statistics; on the bulk insert path that locking cost as much as SQLite's own virtual machine (perf,
// docs/performance.md). ADO.NET already forbids using one connection from two threads at once, which is all
// "multi-thread" mode asks, and nothing here reads SQLite's memory statistics.
internal static class SqliteLibrary
{
    private static int _configured;

    // Whether SQLite took the settings: false when it was initialised before (it then keeps its defaults, which are
    // correct, only slower).
    public static bool MultiThread { get; private set; }

    public static void Configure()
    {
        if (Interlocked.Exchange(ref _configured, 1) == 1)
        {
            return;
        }
        Batteries_V2.Init();
        MultiThread = raw.sqlite3_config(raw.SQLITE_CONFIG_MULTITHREAD) == raw.SQLITE_OK;
        _ = raw.sqlite3_config(raw.SQLITE_CONFIG_MEMSTATUS, 0);
    }
}
