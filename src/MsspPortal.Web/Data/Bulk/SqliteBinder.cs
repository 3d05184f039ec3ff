using System.Runtime.InteropServices;
using SQLitePCL;

namespace MsspPortal.Web.Data.Bulk;

// Binds, steps and resets one prepared statement that the caller owns for its whole use. Through SQLitePCLRaw every
// call marshals the statement's SafeHandle (two interlocked operations) and makes a full native transition: 19
// binds a row made that a measured share of the event insert. Here the same native functions of the same e_sqlite3
// library are called through function pointers on the raw handle; binds, which only copy a value into the
// statement, skip the GC transition. When the library cannot be resolved the SQLitePCLRaw calls are used.
internal abstract class SqliteBinder
{
    private static readonly Lazy<NativeFunctions?> Native = new(NativeFunctions.Load);

    public abstract int Int64(int index, long value);

    public abstract int Null(int index);

    public abstract int Double(int index, double value);

    private byte[] _utf8 = new byte[1024];

    // UTF-8 text, copied by SQLite before the call returns (SQLITE_TRANSIENT).
    public abstract int Text(int index, ReadOnlySpan<byte> utf8);

    // A string as UTF-8 text, or NULL. The database is UTF-8: handing SQLite UTF-16 makes it convert every value in
    // its own (scalar) code, which cost more than the vectorised encoder here. The buffer is reused per statement;
    // SQLite copies the bytes it is given.
    public int Text(int index, string? value)
    {
        if (value is null)
        {
            return Null(index);
        }
        var needed = System.Text.Encoding.UTF8.GetMaxByteCount(value.Length);
        if (_utf8.Length < needed)
        {
            _utf8 = new byte[Math.Max(needed, _utf8.Length * 2)];
        }
        var length = System.Text.Encoding.UTF8.GetBytes(value, _utf8);
        return Text(index, _utf8.AsSpan(0, length));
    }

    public abstract int Step();

    public abstract int Reset();

    public abstract long LastInsertRowId(sqlite3 db);

    // Whether the direct calls are in use (the bench reports it).
    public static bool IsDirect => Native.Value is not null;

    public static SqliteBinder For(sqlite3_stmt statement) =>
        Native.Value is { } functions ? new Direct(functions, statement) : new Managed(statement);

    private sealed class Managed(sqlite3_stmt statement) : SqliteBinder
    {
        public override int Int64(int index, long value) => raw.sqlite3_bind_int64(statement, index, value);

        public override int Null(int index) => raw.sqlite3_bind_null(statement, index);

        public override int Double(int index, double value) => raw.sqlite3_bind_double(statement, index, value);

        // An empty span would reach SQLite as a null pointer, which binds NULL, not "".
        public override int Text(int index, ReadOnlySpan<byte> utf8) =>
            utf8.IsEmpty ? raw.sqlite3_bind_text(statement, index, string.Empty) : raw.sqlite3_bind_text(statement, index, utf8);

        public override int Step() => raw.sqlite3_step(statement);

        public override int Reset() => raw.sqlite3_reset(statement);

        public override long LastInsertRowId(sqlite3 db) => raw.sqlite3_last_insert_rowid(db);
    }

    private sealed unsafe class Direct(NativeFunctions f, sqlite3_stmt statement) : SqliteBinder
    {
        // The statement outlives every call: the inserter disposes it only after its last use.
        private readonly nint _handle = statement.DangerousGetHandle();

        public override int Int64(int index, long value) => f.BindInt64(_handle, index, value);

        public override int Null(int index) => f.BindNull(_handle, index);

        public override int Double(int index, double value) => f.BindDouble(_handle, index, value);

        public override int Text(int index, ReadOnlySpan<byte> utf8)
        {
            byte empty = 0;
            fixed (byte* value = utf8)
            {
                // A null pointer binds NULL: point "" at a real byte.
                return f.BindText(_handle, index, value == null ? &empty : value, utf8.Length, Transient);
            }
        }

        public override int Step() => f.Step(_handle);

        public override int Reset() => f.Reset(_handle);

        public override long LastInsertRowId(sqlite3 db) => f.LastInsertRowId(db.DangerousGetHandle());

        private static nint Transient => -1;
    }

    private sealed unsafe class NativeFunctions
    {
        public delegate* unmanaged[Cdecl, SuppressGCTransition]<nint, int, long, int> BindInt64 { get; private init; }

        public delegate* unmanaged[Cdecl, SuppressGCTransition]<nint, int, int> BindNull { get; private init; }

        public delegate* unmanaged[Cdecl, SuppressGCTransition]<nint, int, double, int> BindDouble { get; private init; }

        public delegate* unmanaged[Cdecl, SuppressGCTransition]<nint, int, byte*, int, nint, int> BindText { get; private init; }

        // Step does the insert (I/O, locks): a normal transition, so the GC can run meanwhile.
        public delegate* unmanaged[Cdecl]<nint, int> Step { get; private init; }

        public delegate* unmanaged[Cdecl]<nint, int> Reset { get; private init; }

        public delegate* unmanaged[Cdecl, SuppressGCTransition]<nint, long> LastInsertRowId { get; private init; }

        public static NativeFunctions? Load()
        {
            // The library SQLitePCLRaw already loaded for this process (bundle_e_sqlite3), found the same way.
            if (!NativeLibrary.TryLoad("e_sqlite3", typeof(raw).Assembly, null, out var library))
            {
                return null;
            }
            try
            {
                return new NativeFunctions
                {
                    BindInt64 = (delegate* unmanaged[Cdecl, SuppressGCTransition]<nint, int, long, int>)NativeLibrary.GetExport(library, "sqlite3_bind_int64"),
                    BindNull = (delegate* unmanaged[Cdecl, SuppressGCTransition]<nint, int, int>)NativeLibrary.GetExport(library, "sqlite3_bind_null"),
                    BindDouble = (delegate* unmanaged[Cdecl, SuppressGCTransition]<nint, int, double, int>)NativeLibrary.GetExport(library, "sqlite3_bind_double"),
                    BindText = (delegate* unmanaged[Cdecl, SuppressGCTransition]<nint, int, byte*, int, nint, int>)NativeLibrary.GetExport(library, "sqlite3_bind_text"),
                    Step = (delegate* unmanaged[Cdecl]<nint, int>)NativeLibrary.GetExport(library, "sqlite3_step"),
                    Reset = (delegate* unmanaged[Cdecl]<nint, int>)NativeLibrary.GetExport(library, "sqlite3_reset"),
                    LastInsertRowId = (delegate* unmanaged[Cdecl, SuppressGCTransition]<nint, long>)NativeLibrary.GetExport(library, "sqlite3_last_insert_rowid"),
                };
            }
            catch (EntryPointNotFoundException)
            {
                return null;
            }
        }
    }
}
