using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace MsspPortal.Web.Features.Compliance.Frameworks.EvidencePack;

// STAND-IN, replaced at merge by the real writer (PDF index, CSV/JSON evidence, OSCAL assessment results): it writes a
// ZIP with the findings as JSON and each evidence file, so the download route works end to end meanwhile.
public sealed class EvidencePackWriter
{
    public async Task WriteAsync(EvidencePackRequest request, Stream output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        var index = zip.CreateEntry("findings.json");
        await using (var stream = await index.OpenAsync(ct))
        {
            await JsonSerializer.SerializeAsync(stream, new { request.TenantName, request.FrameworkId, request.PeriodStart, request.PeriodEnd, request.Controls }, cancellationToken: ct);
        }
        foreach (var file in request.Files)
        {
            var entry = zip.CreateEntry(file.FileName);
            await using var stream = await entry.OpenAsync(ct);
            await file.WriteAsync(stream, ct);
        }
        var readme = zip.CreateEntry("README.txt");
        await using (var stream = await readme.OpenAsync(ct))
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes($"Evidence pack, {request.FrameworkTitle} {request.FrameworkVersion}, {request.PeriodStart:yyyy-MM-dd} to {request.PeriodEnd:yyyy-MM-dd}"), ct);
        }
    }
}
