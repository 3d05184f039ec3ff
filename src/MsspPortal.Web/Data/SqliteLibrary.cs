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
        GlibcMalloc.KeepLargeBuffersMapped();
    }
}

// SQLite copies every raw chunk it stores or reads (0.5–1 MB blobs) into a malloc'd buffer. glibc serves such a
// buffer by mmap, but after the first free it raises its mmap threshold to that size ("dynamic threshold"), and the
// later buffers come from its heaps, whose freed space it keeps: 15–25 MB of a 3M-event run's peak working set
// (docs/performance.md). A fixed threshold at glibc's own default keeps them mapped and returned on free.
internal static partial class GlibcMalloc
{
    private const int MmapThreshold = -3; // M_MMAP_THRESHOLD in malloc.h

    public static bool Applied { get; private set; }

    public static void KeepLargeBuffersMapped()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }
        try
        {
            Applied = MallOpt(MmapThreshold, 128 * 1024) == 1;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc (musl has no mallopt): its allocator does not grow a threshold, nothing to fix.
        }
    }

    [System.Runtime.InteropServices.LibraryImport("libc", EntryPoint = "mallopt")]
    private static partial int MallOpt(int parameter, int value);
}
