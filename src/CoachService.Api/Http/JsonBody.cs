using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace CoachService.Api.Http;

/// <summary>
/// Reads a JSON request body so that every way it can be wrong gets its own problem code, instead of the
/// framework's generic 400: wrong content type, too large, malformed or mistyped JSON.
/// </summary>
public static class JsonBody
{
    /// <summary>Largest request body accepted, in bytes: well above the longest allowed message.</summary>
    public const int MaxBytes = 64 * 1024;

    public static async Task<(T? Value, ProblemHttpResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, ApiProblem.Create(
                StatusCodes.Status415UnsupportedMediaType, ApiProblem.UnsupportedMediaType, "Unsupported media type",
                "Send the request body as JSON with the header Content-Type: application/json."));
        }

        if (request.ContentLength > MaxBytes)
        {
            return (null, TooLarge());
        }

        try
        {
            var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
            using var limited = new LimitedStream(request.Body, MaxBytes);
            var value = await JsonSerializer.DeserializeAsync<T>(limited, options, cancellationToken);
            return value is null
                ? (null, Invalid("The request body must be a JSON object, not null."))
                : (value, null);
        }
        catch (LimitedStream.LimitExceededException)
        {
            return (null, TooLarge());
        }
        catch (BadHttpRequestException ex)
        {
            // Kestrel's verdict on the framing (a chunk size of "zz"), the size or the pace of the body: a 4xx, not a 500.
            request.HttpContext.Response.Headers.Connection = "close";
            return (null, ApiProblem.ForBadHttpRequest(ex));
        }
        catch (InvalidOperationException)
        {
            // System.Text.Json reports invalid UTF-8 and unpaired surrogate escapes this way.
            return (null, Invalid("The request body is not valid UTF-8 JSON text (it holds invalid bytes or an unpaired surrogate)."));
        }
        catch (JsonException ex)
        {
            // The path names the field; the exception message could quote the body, so it is not used.
            string where = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "" : $" (at {ex.Path})";
            return (null, Invalid($"The request body is not valid JSON for this endpoint{where}. Send an object like {{\"text\": \"...\"}}."));
        }
    }

    private static ProblemHttpResult Invalid(string detail) =>
        ApiProblem.Create(StatusCodes.Status400BadRequest, ApiProblem.InvalidJson, "Invalid JSON", detail);

    private static ProblemHttpResult TooLarge() =>
        ApiProblem.Create(
            StatusCodes.Status413PayloadTooLarge, ApiProblem.PayloadTooLarge, "Request too large",
            $"The request body is larger than {MaxBytes / 1024} KB.");

    /// <summary>Stops reading a body (chunked or lying about its length) once it passes the limit.</summary>
    private sealed class LimitedStream(Stream inner, long limit) : Stream
    {
        private long _read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int read)
        {
            _read += read;
            return _read > limit ? throw new LimitExceededException() : read;
        }

        public sealed class LimitExceededException : Exception;
    }
}
