using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using LeadGrid.Api.Auth;
using LeadGrid.Api.Errors;
using LeadGrid.Domain.Common;
using LeadGrid.Application.Idempotency;
using MediatR;

namespace LeadGrid.Api.Http;

/// <summary>
/// SPEC §10 (beyond), after the IETF Idempotency-Key draft: a POST of <c>/api/v1</c> with <c>Idempotency-Key</c>
/// runs once. The request runs inside the use case <see cref="RunOnce"/>, whose unit of work claims the key; the
/// endpoint's command joins that transaction and the answer, buffered here, is recorded with its COMMIT, so a crash
/// never leaves a created resource without its key. This class owns no transaction: it speaks HTTP. A retry with the
/// same key and the same request (method, path and query, body bytes) gets the first answer again, byte for byte
/// (<c>Idempotent-Replayed: true</c>); the same key with another request is 422 <c>idempotency_conflict</c>; while the
/// first still runs, 409 <c>idempotency_conflict</c> with <c>Retry-After</c>. An answer of 500 or above, or a failure,
/// rolls back and records nothing, so the key is free for a retry. Keys are 1–255 printable ASCII characters.
/// </summary>
internal sealed class IdempotencyMiddleware(RequestDelegate next, BodyLimits limits)
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    public const string HeaderDescription = "Makes a retry safe: the first answer to this key (1-255 printable ASCII characters) is kept " +
        "24 hours and replayed, byte for byte with Idempotent-Replayed: true, to a retry with the same request.";

    public async Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method)
            || !context.Request.Headers.TryGetValue(Header, out var values)
            || context.GetEndpoint()?.Metadata.GetMetadata<RequiredScopes>() is null
            || context.User.FindFirst(ApiClaims.OrganizationId)?.Value is not { } org)
        {
            await next(context);
            return;
        }
        if (values.Count != 1 || !IsValidKey(values[0]))
        {
            await ErrorWriter.WriteAsync(context, StatusCodes.Status400BadRequest, ErrorCodes.InvalidBody,
                "The Idempotency-Key header must appear once and hold 1 to 255 printable ASCII characters.");
            return;
        }
        var key = values[0]!;
        var hash = await RequestHashAsync(context);
        if (hash is null)
        {
            await next(context); // over the body limit: the endpoint answers 413, and nothing is claimed
            return;
        }

        var original = context.Response.Body;
        await using var buffer = new MemoryStream();
        IdempotencyLookup lookup;
        try
        {
            lookup = await context.RequestServices.GetRequiredService<IMediator>().Send(new RunOnce(Guid.Parse(org), key, hash, async _ =>
            {
                context.Response.Body = buffer;
                await next(context);
                // Whatever the endpoint wrote through the response's pipe reaches the buffer.
                await context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature>()!.CompleteAsync();
                var response = context.Response;
                return new StoredResponse(response.StatusCode, response.ContentType,
                    response.Headers.Location.Count > 0 ? response.Headers.Location.ToString() : null, buffer.ToArray());
            }), context.RequestAborted);
        }
        catch (AnswerNotKeptException)
        {
            lookup = new IdempotencyLookup(IdempotencyState.New); // rolled back; the failure is answered as it was written
        }
        finally
        {
            context.Response.Body = original;
        }
        if (lookup.State != IdempotencyState.New)
        {
            await AnswerAsync(context, lookup);
            return;
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    private static async Task AnswerAsync(HttpContext context, IdempotencyLookup lookup)
    {
        switch (lookup.State)
        {
            case IdempotencyState.InFlight:
                context.Response.Headers.RetryAfter = "1";
                await ErrorWriter.WriteAsync(context, StatusCodes.Status409Conflict, ErrorCodes.IdempotencyConflict,
                    "A request with this Idempotency-Key is still being processed; retry after it has finished.");
                return;
            case IdempotencyState.Mismatch:
                await ErrorWriter.WriteAsync(context, StatusCodes.Status422UnprocessableEntity, ErrorCodes.IdempotencyConflict,
                    "This Idempotency-Key was used for a different request (method, path or body); use a new key for a new request.");
                return;
            default:
                var stored = lookup.Stored!;
                var response = context.Response;
                response.StatusCode = stored.Status;
                if (stored.ContentType is not null) response.ContentType = stored.ContentType;
                if (stored.Location is not null) response.Headers.Location = stored.Location;
                response.Headers[ReplayedHeader] = "true";
                response.ContentLength = stored.Body.Length;
                await response.Body.WriteAsync(stored.Body, context.RequestAborted);
                return;
        }
    }

    /// <summary>SHA-256 of the method, path and query and the body; null when the body is over its limit.</summary>
    private async Task<byte[]?> RequestHashAsync(HttpContext context)
    {
        var request = context.Request;
        var limit = request.HasJsonContentType() ? limits.MaxJsonBytes : BodyLimits.MaxBodyBytes;
        if (request.ContentLength > limit)
            return null;
        request.EnableBuffering(bufferThreshold: 64 * 1024, bufferLimit: limit + 1);
        using var hasher = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hasher.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        var chunk = new byte[16 * 1024];
        long total = 0;
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
            {
                if ((total += read) > limit)
                    return null;
                hasher.AppendData(chunk, 0, read);
            }
        }
        catch (IOException) when (total >= limit)
        {
            return null;
        }
        finally
        {
            request.Body.Position = 0;
        }
        return hasher.GetHashAndReset();
    }

    private static bool IsValidKey(string? key) =>
        key is { Length: >= 1 and <= 255 } && key.All(c => c is >= ' ' and <= '~') && key.Trim().Length == key.Length;
}
