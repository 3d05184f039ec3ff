using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using MsspPortal.Web.Infrastructure.Auth;

namespace MsspPortal.Web.Features.Attack;

[Requires(Capability.AdministerPlatform)]
public sealed class AttackController(ISender sender) : Controller
{
    private const long MaxUpload = 100 * 1024 * 1024;

    [HttpGet]
    public IActionResult Import() => View((AttackImportResult?)null);

    [HttpPost]
    [RequestSizeLimit(MaxUpload)]
    public async Task<IActionResult> Import(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            return View(new AttackImportResult(false, 0, 0, "Choose a STIX bundle (.json) or a technique CSV."));
        }
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancellationToken);
        return View(await sender.Send(new ImportAttackCatalog(file.FileName, buffer.ToArray()), cancellationToken));
    }
}
