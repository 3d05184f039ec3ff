using System.Text;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using MsspPortal.Web.Infrastructure.Auth;

namespace MsspPortal.Web.Features.Audit;

// Who did what when, for auditors (read-only) and platform admins.
[Requires(Capability.ReadAuditLog)]
public sealed class AuditController(ISender sender) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index([FromQuery] AuditFilter filter, CancellationToken cancellationToken) =>
        View(await sender.Send(new ListAuditEntries(filter), cancellationToken));

    [HttpGet]
    public async Task Export([FromQuery] AuditFilter filter, CancellationToken cancellationToken)
    {
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = "attachment; filename=\"audit-log.csv\"";
        await using var writer = new StreamWriter(Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true);
        await foreach (var line in sender.CreateStream(new ExportAuditEntries(filter), cancellationToken))
        {
            await writer.WriteAsync(line);
        }
        await writer.FlushAsync(cancellationToken);
    }
}
