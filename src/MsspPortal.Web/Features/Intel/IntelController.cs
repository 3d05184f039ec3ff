using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using MsspPortal.Web.Infrastructure.Auth;

namespace MsspPortal.Web.Features.Intel;

[Requires(Capability.ReadDetection)]
public sealed class IntelController(ISender sender) : Controller
{
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await sender.Send(new ListIntel(), cancellationToken));

    [Requires(Capability.ManageDetection)]
    [HttpGet]
    public IActionResult Import() => View(new IntelImportForm());

    [Requires(Capability.ManageDetection)]
    [HttpPost]
    [RequestSizeLimit(ImportIntelListValidator.MaxBytes + 1024 * 1024)]
    public async Task<IActionResult> Import(IntelImportForm form, CancellationToken cancellationToken)
    {
        var command = new ImportIntelList
        {
            TenantId = form.TenantId,
            MsspWide = form.MsspWide,
            ListName = form.ListName,
            FileName = form.File?.FileName ?? "",
            Content = await ReadAsync(form.File, cancellationToken),
        };
        var validation = await HttpContext.RequestServices.GetRequiredService<FluentValidation.IValidator<ImportIntelList>>()
            .ValidateAsync(command, cancellationToken);
        foreach (var error in validation.Errors)
        {
            // The MSSP-wide box is only drawn for admins, so its error goes to the summary everyone sees.
            var key = error.PropertyName switch
            {
                nameof(ImportIntelList.Content) => nameof(IntelImportForm.File),
                nameof(ImportIntelList.MsspWide) => "",
                _ => error.PropertyName,
            };
            ModelState.AddModelError(key, error.ErrorMessage);
        }
        if (!ModelState.IsValid)
        {
            return View(form);
        }
        var outcome = await sender.Send(command, cancellationToken);
        TempData["Flash"] = $"{outcome.Imported} indicator(s) imported into {command.ListName}" +
            (outcome.Skipped.Count > 0 ? $"; {outcome.Skipped.Count} skipped (first: {outcome.Skipped[0]})." : ".");
        return RedirectToAction(nameof(Index));
    }

    private static async Task<byte[]> ReadAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null || file.Length > ImportIntelListValidator.MaxBytes)
        {
            return file is null ? [] : new byte[ImportIntelListValidator.MaxBytes + 1];
        }
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }
}

// The form as posted; the file becomes the command's content.
public sealed class IntelImportForm
{
    public Guid? TenantId { get; set; }

    public bool MsspWide { get; set; }

    public string ListName { get; set; } = "";

    public IFormFile? File { get; set; }
}
