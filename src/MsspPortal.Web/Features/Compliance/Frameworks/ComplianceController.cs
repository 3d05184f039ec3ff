using System.Security.Cryptography;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Features.Compliance.Frameworks.EvidencePack;
using MsspPortal.Web.Infrastructure.Auth;

namespace MsspPortal.Web.Features.Compliance.Frameworks;

// Compliance frameworks (/Compliance): status and trend per framework, a framework's controls with the diff against the
// previous month, a control's settings and manual evidence, the licensed-text import and the evidence pack download.
// Reading is ReadValue's (the business owner, the committee, the auditor and MSSP staff all hold it); applying a
// framework, setting owners and adding evidence are MSSP staff's (ManageDetection); the tenant's business owner may
// attest and import its licensed texts (AcknowledgeValueReports). ?tenant= picks the tenant; the only one in reach
// when absent.
[Requires(Capability.ReadValue)]
[Route("Compliance")]
public sealed class ComplianceController(ISender sender) : Controller
{
    private const string Views = "~/Features/Compliance/Frameworks/";

    [HttpGet("")]
    public async Task<IActionResult> Index(string? tenant, CancellationToken cancellationToken) =>
        await sender.Send(new GetComplianceOverview(tenant), cancellationToken) is { } page ? View(Views + "Index.cshtml", page) : NotFound();

    [Requires(Capability.ManageDetection)]
    [HttpPost("Apply")]
    public async Task<IActionResult> Apply(ApplyFramework command, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(command.Tenant))
        {
            return NotFound();
        }
        var result = ModelState.IsValid ? await sender.Send(command, cancellationToken) : new ComplianceChange(true, "Check the form.");
        if (!result.Found)
        {
            return NotFound();
        }
        TempData["Flash"] = result.Succeeded ? "Framework applied." : result.Error;
        return Redirect($"/Compliance?tenant={Uri.EscapeDataString(command.Tenant)}");
    }

    [HttpGet("{framework}")]
    public async Task<IActionResult> Framework(string framework, string? tenant, string? month, CancellationToken cancellationToken) =>
        await sender.Send(new GetFrameworkStatus(tenant, framework, month), cancellationToken) is { } page ? View(Views + "Framework.cshtml", page) : NotFound();

    [HttpGet("{framework}/Control")]
    public async Task<IActionResult> Control(string framework, string? tenant, string control, CancellationToken cancellationToken) =>
        await sender.Send(new GetControl(tenant, framework, control ?? ""), cancellationToken) is { } page ? View(Views + "Control.cshtml", page) : NotFound();

    [Requires(Capability.ManageDetection)]
    [HttpPost("{framework}/Control/Settings")]
    public async Task<IActionResult> Settings(string framework, string tenant, string control, ControlSettingsForm form, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(tenant) || string.IsNullOrEmpty(control))
        {
            return NotFound();
        }
        var command = new SetControlAssessment(tenant, framework, control, form.Owner, form.ReviewDue, form.NotApplicableReason);
        return await SendAsync(command, tenant, framework, control, page => page with { SettingsForm = form }, "Control settings saved.", cancellationToken);
    }

    [Requires(Capability.ManageDetection)]
    [HttpPost("{framework}/Control/Evidence")]
    public async Task<IActionResult> Evidence(string framework, string tenant, string control, ManualEvidenceForm form, CancellationToken cancellationToken) =>
        string.IsNullOrEmpty(tenant) || string.IsNullOrEmpty(control) ? NotFound() : await AddEvidenceAsync(framework, tenant, control, form, cancellationToken);

    [Requires(Capability.AcknowledgeValueReports)]
    [HttpPost("{framework}/Control/Attest")]
    public async Task<IActionResult> Attest(string framework, string tenant, string control, ManualEvidenceForm form, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(tenant) || string.IsNullOrEmpty(control))
        {
            return NotFound();
        }
        // The business owner attests; uploading files stays with MSSP staff.
        form.Kind = ManualEvidenceKind.Attestation;
        form.File = null;
        return await AddEvidenceAsync(framework, tenant, control, form, cancellationToken);
    }

    [TenantRow(typeof(ManualEvidence))]
    [HttpGet("Evidence/{id}")]
    public async Task<IActionResult> EvidenceFile(long id, CancellationToken cancellationToken) =>
        await sender.Send(new GetEvidenceFile(id), cancellationToken) is { } file ? File(file.Content, file.ContentType, file.FileName) : NotFound();

    [Requires(Capability.AcknowledgeValueReports)]
    [HttpPost("{framework}/LicensedText")]
    public async Task<IActionResult> LicensedText(string framework, string tenant, IFormFile? file, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(tenant))
        {
            return NotFound();
        }
        var content = await ReadAsync(file, ImportLicensedTextHandler.MaxBytes, cancellationToken);
        var result = await sender.Send(new ImportLicensedText(tenant, framework, content), cancellationToken);
        if (!result.Found)
        {
            return NotFound();
        }
        TempData["Flash"] = result.Error ?? $"{result.Imported} control texts imported" + (result.Skipped.Count > 0 ? $"; {result.Skipped.Count} rows skipped (first: {result.Skipped[0]})." : ".");
        return Redirect($"/Compliance/{Uri.EscapeDataString(framework)}?tenant={Uri.EscapeDataString(tenant)}");
    }

    // The pack is written to a temporary file first: its SHA-256 goes into the pack record, and the response is then a
    // plain file stream (the writer's ZIP never sits in memory).
    [HttpGet("{framework}/EvidencePack")]
    public async Task<IActionResult> EvidencePack(string framework, string? tenant, DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        if (await sender.Send(new BuildEvidencePack(tenant, framework, from, to), cancellationToken) is not { } plan)
        {
            return NotFound();
        }
        if (plan.Request is not { } request)
        {
            TempData["Flash"] = plan.Error;
            return Redirect($"/Compliance/{Uri.EscapeDataString(framework)}?tenant={Uri.EscapeDataString(tenant ?? "")}");
        }
        var temp = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            await new EvidencePackWriter().WriteAsync(request, temp, cancellationToken);
            temp.Position = 0;
            var sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(temp, cancellationToken));
            await sender.Send(new RecordEvidencePack(plan.TenantId, request.FrameworkId, request.PeriodStart, request.PeriodEnd, request.Controls.Count,
                plan.AutomatedControls, temp.Length, sha), cancellationToken);
            temp.Position = 0;
            Response.Headers["X-Evidence-Sha256"] = sha;
            return File(temp, "application/zip", $"evidence-{request.TenantSlug}-{request.FrameworkId}-{request.PeriodStart:yyyyMMdd}-{request.PeriodEnd:yyyyMMdd}.zip");
        }
        catch
        {
            await temp.DisposeAsync();
            throw;
        }
    }

    private async Task<IActionResult> AddEvidenceAsync(string framework, string tenant, string control, ManualEvidenceForm form, CancellationToken cancellationToken)
    {
        byte[]? content = null;
        if (form.Kind == ManualEvidenceKind.Upload && form.File is { } file)
        {
            content = await ReadAsync(file, ManualEvidence.MaxBytes, cancellationToken);
        }
        var command = new AddManualEvidence(tenant, framework, control, form.Kind, form.Title ?? "", form.Text, form.Owner ?? "", form.ReviewDue,
            form.File?.FileName, form.File?.ContentType, content);
        var validation = await new AddManualEvidenceValidator().ValidateAsync(command, cancellationToken);
        foreach (var error in validation.Errors)
        {
            ModelState.AddModelError(error.PropertyName switch { "Content" or "Content.Length" or "File" => "File", "ReviewDue" => "ReviewDue", var p => p }, error.ErrorMessage);
        }
        form.File = null;
        return await SendAsync(command, tenant, framework, control, page => page with { EvidenceForm = form }, "Evidence added.", cancellationToken);
    }

    private async Task<IActionResult> SendAsync(ICommand<ComplianceChange> command, string tenant, string framework, string control,
        Func<ControlViewModel, ControlViewModel> refused, string done, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var result = await sender.Send(command, cancellationToken);
            if (!result.Found)
            {
                return NotFound();
            }
            if (result.Succeeded)
            {
                TempData["Flash"] = done;
                return Redirect($"/Compliance/{Uri.EscapeDataString(framework)}/Control?tenant={Uri.EscapeDataString(tenant)}&control={Uri.EscapeDataString(control)}");
            }
            ModelState.AddModelError(result.Field ?? "", result.Error!);
        }
        // The control page again, with the form as typed and the reasons.
        return await sender.Send(new GetControl(tenant, framework, control), cancellationToken) is { } page ? View(Views + "Control.cshtml", refused(page)) : NotFound();
    }

    // A file over the limit comes back one byte too long, so the validator says why.
    private static async Task<byte[]> ReadAsync(IFormFile? file, int maxBytes, CancellationToken cancellationToken)
    {
        if (file is null || file.Length > maxBytes)
        {
            return file is null ? [] : new byte[maxBytes + 1];
        }
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }
}
