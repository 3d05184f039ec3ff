using System.Globalization;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Auth;
using MsspPortal.Web.Pipeline;

namespace MsspPortal.Web.Features.Ingestion;

[Requires(Capability.ReadDetection)]
[TenantRow(typeof(RawBatch))]
public sealed class IngestionController(ISender sender) : Controller
{
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await sender.Send(new ListBatches(), cancellationToken));

    public async Task<IActionResult> Batch(long id, CancellationToken cancellationToken) =>
        await sender.Send(new GetBatch(id), cancellationToken) is { } batch ? View(batch) : NotFound();

    [Requires(Capability.ManageDetection)]
    [HttpGet]
    public IActionResult LogTest() => View(new LogTestViewModel(new RunLogTest(), []));

    [Requires(Capability.ManageDetection)]
    [HttpPost]
    public async Task<IActionResult> LogTest(RunLogTest query, CancellationToken cancellationToken) =>
        View(ModelState.IsValid ? await sender.Send(query, cancellationToken) : new LogTestViewModel(query, []));

    [Requires(Capability.ManageDetection)]
    [HttpGet]
    public async Task<IActionResult> Upload(CancellationToken cancellationToken) =>
        View(await sender.Send(new ListUploadTargets(), cancellationToken));

    // Streams the multipart body section by section: the file goes straight into the batch's chunks and is never
    // held whole in memory. The page's script sends the anti-forgery token as a header, so the form is not buffered
    // for it; a plain form post (no script) is buffered to disk by ASP.NET and read from there.
    [Requires(Capability.ManageDetection)]
    [HttpPost]
    [DisableRequestSizeLimit]
    [RequestFormLimits(MultipartBodyLengthLimit = long.MaxValue)]
    [ActionName(nameof(Upload))]
    public async Task<IActionResult> UploadFile(CancellationToken cancellationToken)
    {
        StoredBatch? stored;
        string? problem;
        try
        {
            (stored, problem) = HttpContext.Features.Get<IFormFeature>()?.Form is { } form
                ? await FromBufferedFormAsync(form, cancellationToken)
                : await FromStreamAsync(cancellationToken);
        }
        catch (LineTooLongException ex)
        {
            (stored, problem) = (null, ex.Message);
        }
        var wantsJson = Request.Headers.Accept.ToString().Contains("application/json", StringComparison.Ordinal);
        if (stored is null)
        {
            if (wantsJson)
            {
                return BadRequest(new { error = problem });
            }
            ModelState.AddModelError("", problem ?? "The upload failed.");
            return View(await sender.Send(new ListUploadTargets(), cancellationToken));
        }
        var url = Url.Action(nameof(Batch), new { id = stored.BatchId })!;
        return wantsJson ? Json(new { stored.BatchId, stored.Lines, stored.Duplicate, url }) : Redirect(url);
    }

    private async Task<(StoredBatch?, string?)> FromBufferedFormAsync(IFormCollection form, CancellationToken cancellationToken)
    {
        if (!long.TryParse(form["logSourceId"], NumberStyles.None, CultureInfo.InvariantCulture, out var sourceId))
        {
            return (null, "Choose a log source.");
        }
        if (form.Files.Count == 0 || form.Files[0].Length == 0)
        {
            return (null, "Choose a non-empty file.");
        }
        await using var stream = form.Files[0].OpenReadStream();
        var stored = await sender.Send(new UploadLogFile(sourceId, stream), cancellationToken);
        return stored is null ? (null, "Choose one of your log sources.") : (stored, null);
    }

    private async Task<(StoredBatch?, string?)> FromStreamAsync(CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(Request.ContentType, out var type) || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 } boundary)
        {
            return (null, "Send the file as multipart/form-data.");
        }
        var reader = new MultipartReader(boundary, Request.Body);
        long? sourceId = null;
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
            {
                continue;
            }
            if (disposition.IsFileDisposition())
            {
                // The source field comes before the file in the form, so it is known by now.
                if (sourceId is not { } id)
                {
                    return (null, "Choose a log source.");
                }
                var stored = await sender.Send(new UploadLogFile(id, section.Body), cancellationToken);
                return stored is null ? (null, "Choose one of your log sources.") : (stored, null);
            }
            if (disposition.Name.Value == "logSourceId")
            {
                using var value = new StreamReader(section.Body);
                sourceId = long.TryParse(await value.ReadToEndAsync(cancellationToken), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
            }
        }
        return (null, "Choose a non-empty file.");
    }

    // Unknown syslog senders belong to no tenant: platform admins only.
    [Requires(Capability.AdministerPlatform)]
    public async Task<IActionResult> UnknownSenders(CancellationToken cancellationToken) =>
        View(await sender.Send(new ListUnknownSyslogSenders(), cancellationToken));
}
