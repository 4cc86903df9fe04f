using Microsoft.AspNetCore.Http.Features;

namespace LeadGrid.Api.Http;

/// <summary>
/// How large a body may be: JSON bodies <c>Api:MaxJsonBodyBytes</c> (1 MB by default; no field takes more than 20,000
/// characters), anything else at most a CV and its form (the server-wide limit). An oversized JSON body is refused with
/// 413 from its Content-Length before anything is read, or as soon as reading passes the limit, so it is never
/// buffered whole.
/// </summary>
public sealed record BodyLimits(long MaxJsonBytes)
{
    public const long DefaultMaxJsonBytes = 1024 * 1024;

    /// <summary>The server-wide limit: a 10 MB CV and a multipart form around it.</summary>
    public const long MaxBodyBytes = Domain.Dossiers.CvDocument.MaxBytes + 1024 * 1024;

    public static BodyLimits From(IConfiguration configuration) =>
        new(configuration.GetValue("Api:MaxJsonBodyBytes", DefaultMaxJsonBytes) is var bytes and > 0
            ? bytes
            : throw new InvalidOperationException("Api:MaxJsonBodyBytes must be a positive number of bytes."));

    /// <summary>The request's JSON body, limited to <see cref="MaxJsonBytes"/>.</summary>
    public Stream JsonBody(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentLength > MaxJsonBytes)
            throw TooLarge();
        // Kestrel then refuses to read (or drain) past the limit as well.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = MaxJsonBytes;
        return new LimitedStream(request.Body, MaxJsonBytes, TooLarge);
    }

    private HttpInputException TooLarge() =>
        HttpInputException.PayloadTooLarge($"The JSON body is larger than {MaxJsonBytes:N0} bytes, the most this server takes.");

    /// <summary>A read-only view of a stream that throws once more than <c>limit</c> bytes have been read.</summary>
    private sealed class LimitedStream(Stream inner, long limit, Func<Exception> tooLarge) : Stream
    {
        private long _read;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
        {
            var read = await inner.ReadAsync(buffer, ct);
            if ((_read += read) > limit) throw tooLarge();
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
            ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

        public override int Read(byte[] buffer, int offset, int count) =>
            throw new NotSupportedException("Request bodies are read asynchronously.");

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
