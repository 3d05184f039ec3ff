using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MsspPortal.Web.Infrastructure.Export;

namespace MsspPortal.Web.Features.Compliance.Frameworks.EvidencePack;

// Writes one framework's evidence pack as a ZIP straight into the output (a response body: not seekable, async only).
// Entries, in this order: the evidence files (each hashed with SHA-256 as its bytes are written), controls.csv,
// controls.json, oscal-assessment-results.json, index.pdf (which lists every entry before it with its hash) and
// manifest.json last (every entry, index.pdf included). A caller's evidence is never held in memory: it writes into
// the entry through a hashing pass-through; only the PDF index, a few pages, is built in memory.
public sealed class EvidencePackWriter
{
    public const string IndexName = "index.pdf";
    public const string ControlsCsvName = "controls.csv";
    public const string ControlsJsonName = "controls.json";
    public const string OscalName = "oscal-assessment-results.json";
    public const string ManifestName = "manifest.json";

    private static readonly string[] ReservedNames = [IndexName, ControlsCsvName, ControlsJsonName, OscalName, ManifestName];

    private static readonly JsonWriterOptions JsonOptions = new() { Indented = true };

    public async Task WriteAsync(EvidencePackRequest request, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        Validate(request);

        // ZipArchive still writes synchronously when an entry closes (the deflater's last block, the data descriptor)
        // and a response body refuses synchronous writes: the ZIP goes through a small buffer drained asynchronously
        // as it fills and after every entry, so at most about one buffer of the pack is ever in memory.
        using var sink = new DrainingStream(output);
        var written = new List<PackEntry>();
        var archive = await ZipArchive.CreateAsync(sink, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellationToken);
        await using (archive)
        {
            foreach (var file in request.Files)
            {
                written.Add(await WriteEntryAsync(archive, sink, file.FileName, request.GeneratedAt, file.WriteAsync, cancellationToken));
            }
            var hashes = written.ToDictionary(e => e.Name, StringComparer.Ordinal);

            written.Add(await WriteEntryAsync(archive, sink, ControlsCsvName, request.GeneratedAt, (s, ct) => WriteCsvAsync(request, s, ct), cancellationToken));
            written.Add(await WriteEntryAsync(archive, sink, ControlsJsonName, request.GeneratedAt, (s, ct) => WriteControlsJsonAsync(request, hashes, s, ct), cancellationToken));
            written.Add(await WriteEntryAsync(archive, sink, OscalName, request.GeneratedAt, (s, ct) => OscalAssessmentResults.WriteAsync(request, hashes, s, ct), cancellationToken));

            var listed = written.ToArray();
            written.Add(await WriteEntryAsync(archive, sink, IndexName, request.GeneratedAt, async (s, ct) =>
            {
                var pdf = EvidencePackPdf.Write(request, listed);
                await s.WriteAsync(pdf, ct);
            }, cancellationToken));
            var all = written.ToArray();
            await WriteEntryAsync(archive, sink, ManifestName, request.GeneratedAt, (s, ct) => WriteManifestAsync(request, all, s, ct), cancellationToken);
        }
        await sink.FlushAsync(cancellationToken);
    }

    // A pack's file names become paths when the auditor unzips it: relative, forward slashes, no way out of the
    // folder, and none of the pack's own names.
    public static bool IsSafeFileName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 200 || name.Trim() != name)
        {
            return false;
        }
        if (name.StartsWith('/') || name.Contains('\\', StringComparison.Ordinal) || name.Contains(':', StringComparison.Ordinal)
            || name.Any(char.IsControl))
        {
            return false;
        }
        return name.Split('/').All(segment => segment.Length > 0 && segment != "." && segment != ".." && !segment.Contains("..", StringComparison.Ordinal));
    }

    internal static string StatusText(ControlStatus status) => status switch
    {
        ControlStatus.Met => "Met",
        ControlStatus.PartlyMet => "Partly met",
        ControlStatus.NotMet => "Not met",
        ControlStatus.NotAssessed => "Not assessed",
        _ => "Not applicable",
    };

    internal static string StatusToken(ControlStatus status) => status switch
    {
        ControlStatus.Met => "met",
        ControlStatus.PartlyMet => "partly-met",
        ControlStatus.NotMet => "not-met",
        ControlStatus.NotAssessed => "not-assessed",
        _ => "not-applicable",
    };

    internal static string AutomationToken(EvidenceAutomation automation) => automation switch
    {
        EvidenceAutomation.Automated => "automated",
        EvidenceAutomation.Partial => "partial",
        _ => "manual",
    };

    internal static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static void Validate(EvidencePackRequest request)
    {
        if (request.Controls.Count == 0)
        {
            throw new ArgumentException("An evidence pack needs at least one control.", nameof(request));
        }
        if (request.PeriodEnd < request.PeriodStart)
        {
            throw new ArgumentException($"The audit period ends ({Date(request.PeriodEnd)}) before it starts ({Date(request.PeriodStart)}).", nameof(request));
        }
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in request.Files)
        {
            if (!IsSafeFileName(file.FileName))
            {
                throw new ArgumentException($"Evidence file name '{file.FileName}' is not a safe relative path (no '..', absolute path, backslash or drive).", nameof(request));
            }
            if (ReservedNames.Contains(file.FileName, StringComparer.OrdinalIgnoreCase))
            {
                throw new ArgumentException($"Evidence file name '{file.FileName}' is one of the pack's own files.", nameof(request));
            }
            if (!names.Add(file.FileName))
            {
                throw new ArgumentException($"Evidence file '{file.FileName}' appears twice.", nameof(request));
            }
        }
        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var control in request.Controls)
        {
            if (string.IsNullOrWhiteSpace(control.ControlId) || !ids.Add(control.ControlId))
            {
                throw new ArgumentException($"Control id '{control.ControlId}' is empty or appears twice.", nameof(request));
            }
            // Cited exactly as named: the OSCAL links and the hashes are looked up by the name as written.
            var missing = control.EvidenceFileNames.FirstOrDefault(n => !request.Files.Any(f => string.Equals(f.FileName, n, StringComparison.Ordinal)));
            if (missing is not null)
            {
                throw new ArgumentException($"Control {control.ControlId} cites '{missing}', which is not among the pack's files.", nameof(request));
            }
        }
    }

    private static async Task<PackEntry> WriteEntryAsync(
        ZipArchive archive, DrainingStream sink, string name, DateTimeOffset at, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        var entry = archive.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = at; // the pack's time, not the server's: the same request gives the same archive
        PackEntry written;
        var entryStream = await entry.OpenAsync(cancellationToken);
        await using (entryStream)
        {
            using var hashing = new HashingStream(entryStream);
            await write(hashing, cancellationToken);
            await hashing.FlushAsync(cancellationToken);
            written = new PackEntry(name, hashing.Sha256Hex(), hashing.Length);
        }
        await sink.DrainAsync(cancellationToken);
        return written;
    }

    private static async Task WriteCsvAsync(EvidencePackRequest request, Stream stream, CancellationToken cancellationToken)
    {
        // UTF-8 with a byte order mark: a spreadsheet then reads accented labels as written.
        await using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 16 * 1024, leaveOpen: true);
        await writer.WriteAsync(SpreadsheetCsv.Row("Control", "Label", "Status", "Reason", "Evidence gathered", "Owner", "Review due", "Evidence files"));
        foreach (var c in request.Controls)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await writer.WriteAsync(SpreadsheetCsv.Row(
                c.ControlId, c.Label, StatusText(c.Status), c.Reason, AutomationToken(c.Automation), c.Owner,
                c.ReviewDue is { } due ? Date(due) : null, string.Join("; ", c.EvidenceFileNames)));
        }
        await writer.FlushAsync(cancellationToken);
    }

    private static async Task WriteControlsJsonAsync(
        EvidencePackRequest request, Dictionary<string, PackEntry> files, Stream stream, CancellationToken cancellationToken)
    {
        await using var json = new Utf8JsonWriter(stream, JsonOptions);
        json.WriteStartObject();
        json.WriteStartObject("tenant");
        json.WriteString("name", request.TenantName);
        json.WriteString("slug", request.TenantSlug);
        json.WriteEndObject();
        json.WriteStartObject("framework");
        json.WriteString("id", request.FrameworkId);
        json.WriteString("title", request.FrameworkTitle);
        json.WriteString("version", request.FrameworkVersion);
        json.WriteString("source", request.FrameworkSource);
        json.WriteEndObject();
        json.WriteStartObject("period");
        json.WriteString("start", Date(request.PeriodStart));
        json.WriteString("end", Date(request.PeriodEnd));
        json.WriteEndObject();
        json.WriteString("generatedAt", Stamp(request.GeneratedAt));
        json.WriteString("generatedBy", request.GeneratedBy);
        json.WriteStartObject("statusCounts");
        foreach (var status in Enum.GetValues<ControlStatus>())
        {
            json.WriteNumber(StatusToken(status), request.Controls.Count(c => c.Status == status));
        }
        json.WriteEndObject();

        json.WriteStartArray("controls");
        foreach (var c in request.Controls)
        {
            json.WriteStartObject();
            json.WriteString("controlId", c.ControlId);
            json.WriteString("label", c.Label);
            json.WriteString("status", StatusToken(c.Status));
            json.WriteString("statusText", StatusText(c.Status));
            json.WriteString("reason", c.Reason);
            json.WriteString("automation", AutomationToken(c.Automation));
            json.WriteString("owner", c.Owner);
            if (c.ReviewDue is { } due)
            {
                json.WriteString("reviewDue", Date(due));
            }
            else
            {
                json.WriteNull("reviewDue");
            }
            json.WriteStartArray("evidenceFiles");
            foreach (var name in c.EvidenceFileNames)
            {
                json.WriteStartObject();
                json.WriteString("fileName", name);
                json.WriteString("sha256", files[name].Sha256);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
            if (json.BytesPending > 16 * 1024)
            {
                await json.FlushAsync(cancellationToken);
            }
        }
        json.WriteEndArray();

        json.WriteStartArray("files");
        foreach (var file in request.Files)
        {
            var entry = files[file.FileName];
            json.WriteStartObject();
            json.WriteString("fileName", file.FileName);
            json.WriteString("description", file.Description);
            json.WriteString("sha256", entry.Sha256);
            json.WriteNumber("bytes", entry.Length);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
    }

    private static async Task WriteManifestAsync(EvidencePackRequest request, IReadOnlyList<PackEntry> entries, Stream stream, CancellationToken cancellationToken)
    {
        await using var json = new Utf8JsonWriter(stream, JsonOptions);
        json.WriteStartObject();
        json.WriteString("tenant", request.TenantSlug);
        json.WriteString("framework", request.FrameworkId);
        json.WriteString("periodStart", Date(request.PeriodStart));
        json.WriteString("periodEnd", Date(request.PeriodEnd));
        json.WriteString("generatedAt", Stamp(request.GeneratedAt));
        json.WriteString("algorithm", "SHA-256");
        json.WriteStartArray("files");
        foreach (var entry in entries)
        {
            json.WriteStartObject();
            json.WriteString("name", entry.Name);
            json.WriteString("sha256", entry.Sha256);
            json.WriteNumber("bytes", entry.Length);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
    }

    // Between the ZIP and the output: synchronous writes are buffered, asynchronous ones too and then drained to the
    // output once the buffer holds 64 KiB; DrainAsync empties it. MaxBuffered is for the tests' memory bound.
    internal sealed class DrainingStream(Stream output) : Stream
    {
        private const int Threshold = 64 * 1024;
        private readonly MemoryStream _buffer = new();
        private long _written;

        public long MaxBuffered { get; private set; }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _written;
            set => throw new NotSupportedException();
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            _buffer.Write(buffer);
            _written += buffer.Length;
            MaxBuffered = Math.Max(MaxBuffered, _buffer.Length);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            if (_buffer.Length >= Threshold)
            {
                await DrainAsync(cancellationToken);
            }
        }

        public async Task DrainAsync(CancellationToken cancellationToken)
        {
            if (_buffer.Length > 0)
            {
                await output.WriteAsync(_buffer.GetBuffer().AsMemory(0, (int)_buffer.Length), cancellationToken);
                _buffer.SetLength(0);
            }
        }

        // A synchronous flush cannot reach the output; the bytes wait for the next drain.
        public override void Flush()
        {
        }

        public override async Task FlushAsync(CancellationToken cancellationToken)
        {
            await DrainAsync(cancellationToken);
            await output.FlushAsync(cancellationToken);
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _buffer.Dispose();
            }
            base.Dispose(disposing);
        }
    }

    // Passes writes through to the ZIP entry and hashes the same bytes: the hash is of what the auditor unzips.
    // Reading and seeking are not offered; disposing it (a caller's StreamWriter may) keeps the hash and leaves the
    // entry to its owner.
    private sealed class HashingStream(Stream inner) : Stream
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private long _length;
        private string? _hex;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;

        public override long Position
        {
            get => _length;
            set => throw new NotSupportedException();
        }

        public string Sha256Hex() => _hex ?? Convert.ToHexStringLower(_hash.GetCurrentHash());

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            _hash.AppendData(buffer);
            _length += buffer.Length;
            inner.Write(buffer);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _hash.AppendData(buffer.Span);
            _length += buffer.Length;
            return inner.WriteAsync(buffer, cancellationToken);
        }

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing && _hex is null)
            {
                _hex = Convert.ToHexStringLower(_hash.GetCurrentHash());
                _hash.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}

// One entry of the pack as written: its name, the SHA-256 of its bytes (lower-case hex) and its size.
internal sealed record PackEntry(string Name, string Sha256, long Length);
