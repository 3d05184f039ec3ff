using MsspPortal.Web.Data;

namespace MsspPortal.UnitTests.Data;

public sealed class GlibcMallocTests
{
    // The 3M-event memory bound (docs/performance.md) counts on it: without a fixed threshold glibc keeps SQLite's
    // freed blob buffers in its heaps. Elsewhere there is nothing to fix, and nothing is called.
    [Fact]
    public void The_mmap_threshold_is_fixed_on_linux_once_sqlite_is_configured()
    {
        SqliteLibrary.Configure();
        GlibcMalloc.KeepLargeBuffersMapped(); // idempotent; Configure may have run in another test first

        Assert.Equal(OperatingSystem.IsLinux(), GlibcMalloc.Applied);
    }
}
