using System.Globalization;
using System.Text.Json;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Tenancy;
using MsspPortal.Web.Pipeline;

namespace MsspPortal.Web.Features.Value.Profile;

// POST /api/value/reported-figures : one business figure from the tenant's systems, as JSON
// {"tenant":"northwind-shop","metric":"Revenue","month":"2026-10","value":2500000,"note":"…"}. Authenticated as the
// ingestion API is, by one of the tenant's log-source keys (Authorization: Bearer <key>): the key fixes the tenant,
// and the body's tenant must be that one, so a key of tenant A cannot post for B. The body is read only after the key
// is checked, so an unauthenticated caller learns nothing about tenants or formats.
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[Route("api/value/reported-figures")]
public sealed class ReportedFiguresApiController(LogSourceKeys keys, ITenantContext tenant, ISender sender, PortalDbContext db) : ControllerBase
{
    private const int MaxBodyBytes = 16 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [HttpPost]
    public async Task<IActionResult> Post(CancellationToken cancellationToken)
    {
        var source = await keys.AuthenticateAsync(Request.Headers.Authorization, cancellationToken);
        if (source is null)
        {
            Response.Headers.WWWAuthenticate = "Bearer";
            return Problem(statusCode: StatusCodes.Status401Unauthorized, title: "A valid key of one of the tenant's log sources is required (Authorization: Bearer <key>).");
        }
        tenant.Use(source.TenantId);
        if (Request.ContentLength > MaxBodyBytes)
        {
            return Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: $"Send one figure of at most {MaxBodyBytes} bytes.");
        }
        FigureBody? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<FigureBody>(Request.Body, Json, cancellationToken);
        }
        catch (JsonException ex)
        {
            return Bad("The body is not the JSON expected ({\"tenant\":\"slug\",\"metric\":\"Revenue\",\"month\":\"2026-10\",\"value\":123.45,\"note\":\"…\"}): " + ex.Message);
        }
        if (body is null)
        {
            return Bad("Send a JSON object with tenant, metric, month and value.");
        }
        var slug = await db.Tenants.Where(t => t.Id == source.TenantId).Select(t => t.Slug).FirstAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(body.Tenant))
        {
            return Bad("Name the tenant (its slug) in \"tenant\".");
        }
        if (!string.Equals(body.Tenant.Trim(), slug, StringComparison.OrdinalIgnoreCase))
        {
            return Problem(statusCode: StatusCodes.Status403Forbidden, title: "This key belongs to another tenant: it can post only that tenant's figures.");
        }
        if (!Enum.TryParse<ReportedMetric>(body.Metric, ignoreCase: true, out var metric) || !Enum.IsDefined(metric) || int.TryParse(body.Metric, CultureInfo.InvariantCulture, out _))
        {
            return Bad($"Unknown metric \"{body.Metric}\"; use one of {string.Join(", ", Enum.GetNames<ReportedMetric>())}.");
        }
        if (ReportedMonth.Parse(body.Month) is not { } month)
        {
            return Bad($"The month \"{body.Month}\" is not a month; write it as 2026-10.");
        }
        if (body.Value is not { } value)
        {
            return Bad("Give the figure in \"value\" (a number).");
        }
        try
        {
            var posted = await sender.Send(new PostReportedFigure(source.TenantId, "api:" + source.Name, metric, month, value, body.Note), cancellationToken);
            return posted is null ? NotFound() : Ok(posted);
        }
        catch (ValidationException ex)
        {
            return Bad(string.Join(" ", ex.Errors.Select(e => e.ErrorMessage).Distinct()));
        }
    }

    private ObjectResult Bad(string title) => Problem(statusCode: StatusCodes.Status400BadRequest, title: title);

    private sealed record FigureBody(string? Tenant, string? Metric, string? Month, decimal? Value, string? Note);
}
