using System.Data.Common;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Pipeline;

// POST /api/v1/ingest : newline-delimited raw lines or NDJSON, optionally gzip-encoded, authenticated by a log
// source's key. Answers 202 with the batch id only once the batch is committed to the database.
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[Route("api/v1/ingest")]
public sealed class IngestApiController(
    LogSourceKeys keys,
    AcceptBatch accept,
    ITenantContext tenant,
    IngestThrottle throttle,
    IOptions<IngestionOptions> options) : ControllerBase
{
    private static readonly string[] AcceptedTypes = ["text/plain", "application/x-ndjson", "application/ndjson", "application/json", "application/octet-stream"];

    [HttpPost]
    [DisableRequestSizeLimit] // the limit applies after decompression, below
    public async Task<IActionResult> Ingest(CancellationToken cancellationToken)
    {
        var address = HttpContext.Connection.RemoteIpAddress;
        // Checked before the key, so a blocked address learns nothing more about keys, right or wrong.
        if (throttle.FailuresExhausted(address) is { } blocked)
        {
            return TooMany(blocked, "Too many requests with a wrong key from this address");
        }
        var source = await keys.AuthenticateAsync(Request.Headers.Authorization, cancellationToken);
        if (source is null)
        {
            throttle.RecordFailure(address);
            Response.Headers.WWWAuthenticate = "Bearer";
            return Problem(statusCode: StatusCodes.Status401Unauthorized, title: "A valid log source key is required (Authorization: Bearer <key>).");
        }
        if (throttle.TryAccept(source.LogSourceId) is { } wait)
        {
            return TooMany(wait, "Too many requests for this log source");
        }
        tenant.Use(source.TenantId);

        var mediaType = Request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (mediaType is not null && !AcceptedTypes.Contains(mediaType))
        {
            return Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: $"Send text/plain or application/x-ndjson, not {mediaType}.");
        }
        var limit = options.Value.MaxBodyBytes;
        if (Request.ContentLength > limit)
        {
            return TooLarge(limit);
        }
        Stream body = new LimitedStream(Request.Body, limit);
        var encoding = Request.Headers.ContentEncoding.ToString().Trim().ToLowerInvariant();
        if (encoding == "gzip")
        {
            body = new LimitedStream(new GzipBody(body), limit);
        }
        else if (encoding is not ("" or "identity"))
        {
            return Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: $"Content-Encoding {encoding} is not supported; use gzip.");
        }

        StoredBatch stored;
        try
        {
            stored = await accept.AcceptAsync(source.TenantId, source.LogSourceId, IngestChannel.Api, body, null, cancellationToken);
        }
        catch (BodyTooLargeException)
        {
            return TooLarge(limit);
        }
        catch (LineTooLongException ex)
        {
            return Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: ex.Message);
        }
        catch (InvalidDataException ex)
        {
            return Problem(statusCode: StatusCodes.Status400BadRequest, title: "The gzip body is corrupt: " + ex.Message);
        }
        catch (Exception ex) when (StoreUnavailable(ex) && !cancellationToken.IsCancellationRequested)
        {
            // The database is locked, full or gone, or the disk is: nothing was acknowledged, so the sender can safely
            // send again (a repeat of a stored batch is recognised by its hash). Never a 500 for that.
            Response.Headers.RetryAfter = "30";
            return Problem(statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "The batch could not be stored right now (" + ex.GetBaseException().Message + "); nothing of it was kept. Send it again later.");
        }
        finally
        {
            await body.DisposeAsync();
        }
        return Accepted(new IngestAccepted(stored.BatchId, stored.Lines, stored.Duplicate, stored.DuplicateOf));
    }

    private ObjectResult TooMany(TimeSpan wait, string what)
    {
        var seconds = (int)Math.Ceiling(wait.TotalSeconds);
        Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Problem(statusCode: StatusCodes.Status429TooManyRequests, title: $"{what}; try again in {seconds} s.");
    }

    private static bool StoreUnavailable(Exception ex) => ex is not BadHttpRequestException &&
        (ex is DbException or IOException or TimeoutException || ex.GetBaseException() is DbException or IOException or TimeoutException);

    private ObjectResult TooLarge(long limit) =>
        Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: $"The body exceeds {limit} bytes (after decompression); split it into smaller batches.");
}

public sealed record IngestAccepted(long BatchId, int Lines, bool Duplicate, long? DuplicateOf);
