using System.Buffers.Binary;
using System.Globalization;
using Microsoft.Extensions.Options;
using MsspPortal.Web.Infrastructure.Configuration;

namespace MsspPortal.Web.Pipeline;

// One spooled syslog line: the source its sender maps to, and the message bytes as received.
public readonly record struct SpooledLine(Guid TenantId, long LogSourceId, byte[] Message);

// The syslog listener's append-only spool under the data folder ( spool/syslog ): received lines are written here
// before anything else happens to them, so a busy or unavailable database can delay them but not lose them (issue
// 11.1). Lines go to an open segment ( N.open ), which is sealed ( N.spool ) at a size or age; sealed segments are
// stored as batches in order and then deleted. A N.done file beside a segment lists the sources whose lines were
// already stored, so a retry after a partial failure stores nothing twice. On start, an open segment left by a
// crash is sealed as it is (a record cut by the crash is ignored: it was never committed). Not thread-safe:
// SyslogIngestor serialises access.
public sealed class SyslogSpool : IDisposable
{
    private const int HeaderBytes = 8 + 16 + 4;

    private readonly SpoolFiles _files;
    private readonly string _directory;
    private Stream? _open;
    private string? _openPath;
    private long _committed;
    private long _nextSequence;

    public SyslogSpool(SpoolFiles files, IOptions<PortalOptions> portal)
    {
        _files = files;
        _directory = Path.Combine(portal.Value.DataPath, "spool", "syslog");
        Directory.CreateDirectory(_directory);
        foreach (var open in Directory.GetFiles(_directory, "*.open"))
        {
            File.Move(open, Path.ChangeExtension(open, ".spool"), overwrite: true);
        }
        _nextSequence = Sealed().Select(Sequence).DefaultIfEmpty(0).Max() + 1;
    }

    public string DirectoryPath => _directory;

    // Lines written to the open segment and not yet sealed.
    public int OpenLines { get; private set; }

    // When the open segment got its first line.
    public DateTimeOffset? OpenedAt { get; private set; }

    // Appends lines and commits them: flushed to the OS (a process crash loses nothing), synced to the disk when
    // asked.
    public void Append(IReadOnlyList<SpooledLine> lines, DateTimeOffset now, bool syncToDisk)
    {
        if (lines.Count == 0)
        {
            return;
        }
        try
        {
            if (_open is null)
            {
                _openPath ??= Path.Combine(_directory, _nextSequence.ToString("D12", CultureInfo.InvariantCulture) + ".open");
                _open = _files.Open(_openPath);
                // After a failed write, whatever followed the last commit is not part of the segment.
                _open.SetLength(_committed);
                _open.Seek(_committed, SeekOrigin.Begin);
            }
            Span<byte> header = stackalloc byte[HeaderBytes];
            foreach (var line in lines)
            {
                BinaryPrimitives.WriteInt64LittleEndian(header, line.LogSourceId);
                line.TenantId.TryWriteBytes(header[8..24]);
                BinaryPrimitives.WriteInt32LittleEndian(header[24..], line.Message.Length);
                _open.Write(header);
                _open.Write(line.Message);
            }
            _files.Commit(_open, syncToDisk);
            _committed = _open.Position;
            OpenLines += lines.Count;
            OpenedAt ??= now;
        }
        catch
        {
            // Reopened (and cut back to the last commit) on the next attempt.
            _open?.Dispose();
            _open = null;
            throw;
        }
    }

    // Closes the open segment (synced to disk) so it can be stored; nothing happens when it is empty.
    public void Seal()
    {
        if (_openPath is null || OpenLines == 0)
        {
            return;
        }
        if (_open is not null)
        {
            _files.Commit(_open, syncToDisk: true);
            _open.Dispose();
            _open = null;
        }
        File.Move(_openPath, Path.ChangeExtension(_openPath, ".spool"));
        (_openPath, _committed, OpenLines, OpenedAt) = (null, 0, 0, null);
        _nextSequence++;
    }

    public IReadOnlyList<string> Sealed() =>
        [.. Directory.GetFiles(_directory, "*.spool").OrderBy(Sequence)];

    public static List<SpooledLine> Read(string segment)
    {
        var lines = new List<SpooledLine>();
        var bytes = File.ReadAllBytes(segment);
        var span = bytes.AsSpan();
        while (span.Length >= HeaderBytes)
        {
            var length = BinaryPrimitives.ReadInt32LittleEndian(span[24..]);
            if (length < 0 || span.Length < HeaderBytes + length)
            {
                break; // cut by a crash before its commit
            }
            lines.Add(new SpooledLine(new Guid(span[8..24]), BinaryPrimitives.ReadInt64LittleEndian(span), span.Slice(HeaderBytes, length).ToArray()));
            span = span[(HeaderBytes + length)..];
        }
        return lines;
    }

    public static HashSet<long> Done(string segment)
    {
        var done = Path.ChangeExtension(segment, ".done");
        return File.Exists(done)
            ? [.. File.ReadAllLines(done).Where(l => l.Length > 0).Select(l => long.Parse(l, CultureInfo.InvariantCulture))]
            : [];
    }

    public void MarkDone(string segment, long logSourceId)
    {
        using var done = _files.Open(Path.ChangeExtension(segment, ".done"));
        done.Seek(0, SeekOrigin.End);
        done.Write(System.Text.Encoding.ASCII.GetBytes(logSourceId.ToString(CultureInfo.InvariantCulture) + "\n"));
        _files.Commit(done, syncToDisk: true);
    }

    public static void Remove(string segment)
    {
        File.Delete(segment);
        File.Delete(Path.ChangeExtension(segment, ".done"));
    }

    public void Dispose()
    {
        _open?.Dispose();
        _open = null;
    }

    private static long Sequence(string path) =>
        long.TryParse(Path.GetFileNameWithoutExtension(path), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
}

// The spool's file access, a seam so a test can make the disk full (ENOSPC) without filling one.
public class SpoolFiles
{
    public virtual Stream Open(string path) =>
        new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, bufferSize: 64 * 1024);

    public virtual void Commit(Stream stream, bool syncToDisk)
    {
        if (stream is FileStream file)
        {
            file.Flush(flushToDisk: syncToDisk);
        }
        else
        {
            stream.Flush();
        }
    }
}
