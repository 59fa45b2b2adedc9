using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace CoachService.Api.Http;

/// <summary>
/// Reads a JSON request body so that every way it can be wrong gets its own problem code, instead of the
/// framework's generic 400: wrong content type or charset, too large, too slow, malformed or mistyped JSON,
/// a key sent twice.
/// </summary>
public static class JsonBody
{
    /// <summary>Largest request body accepted, in bytes: well above the longest allowed message.</summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary>Largest batch request body accepted, in bytes: room for the largest batch of the longest messages.</summary>
    public const int MaxBatchBytes = 1024 * 1024;

    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    /// <param name="validate">The body's own checks (a missing text, say), run before unknown fields are refused, so
    /// {"message": "…"} is told its text is missing.</param>
    /// <param name="maxBytes">The largest body accepted: <see cref="MaxBytes"/>, or <see cref="MaxBatchBytes"/> for a batch.</param>
    public static async Task<(T? Value, ProblemHttpResult? Problem)> ReadAsync<T>(
        HttpRequest request, CancellationToken cancellationToken, Func<T, ProblemHttpResult?>? validate = null, int maxBytes = MaxBytes)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        if (maxBytes > MaxBytes && request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            // Kestrel's limit is the single-message one; a batch may send more before it is read.
            limit.MaxRequestBodySize = maxBytes;
        }

        if (!request.HasJsonContentType())
        {
            return (null, ApiProblem.Create(
                StatusCodes.Status415UnsupportedMediaType, ApiProblem.UnsupportedMediaType, "Unsupported media type",
                "Send the request body as JSON with the header Content-Type: application/json."));
        }

        if (!IsUtf8(request.ContentType))
        {
            // Reading it anyway as UTF-8 would turn a correctly labelled UTF-16 body into "invalid JSON".
            return (null, ApiProblem.Create(
                StatusCodes.Status415UnsupportedMediaType, ApiProblem.UnsupportedCharset, "Unsupported charset",
                "This service reads JSON as UTF-8 only. Send the body as UTF-8 (charset=utf-8, or no charset)."));
        }

        if (request.ContentLength > maxBytes)
        {
            request.HttpContext.Response.Headers.Connection = "close";
            return (null, TooLarge(maxBytes));
        }

        var (bytes, readProblem) = await ReadAllAsync(request, maxBytes, cancellationToken);
        if (readProblem is not null)
        {
            return (null, readProblem);
        }

        var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        T? value;
        try
        {
            value = JsonSerializer.Deserialize<T>(WithoutByteOrderMark(bytes!), options);
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

        if (value is null)
        {
            return (null, Invalid("The request body must be a JSON object, not null."));
        }

        // The serializer keeps the last of two "text" keys (or "text" and "Text"); a proxy or filter in front of
        // us may have checked the first. Ambiguous bodies are refused.
        if (HasDuplicateKey(WithoutByteOrderMark(bytes!)))
        {
            return (null, ApiProblem.Create(
                StatusCodes.Status400BadRequest, ApiProblem.DuplicateKey, "Duplicate key",
                "The request body has the same key twice (keys are compared ignoring case). Send each field once."));
        }

        if (validate?.Invoke(value) is { } invalid)
        {
            return (null, invalid);
        }

        // A misspelt option ("treshold") would otherwise be ignored without a word.
        var known = options.GetTypeInfo(typeof(T)).Properties.Select(p => p.Name).ToList();
        return UnknownKey(WithoutByteOrderMark(bytes!), known) is { } unknown
            ? (null, ApiProblem.Create(
                StatusCodes.Status400BadRequest, ApiProblem.UnknownField, "Unknown field",
                $"The request body has a field this endpoint does not take{(IsPlainName(unknown) ? $" (\"{unknown}\")" : "")}. It takes {string.Join(", ", known.Select(k => $"\"{k}\""))}."))
            : (value, null);
    }

    /// <summary>The first top-level key that is not one of <paramref name="known"/> (compared ignoring case), or null.</summary>
    private static string? UnknownKey(ReadOnlySpan<byte> json, IReadOnlyList<string> known)
    {
        var reader = new Utf8JsonReader(json);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1
                && reader.GetString() is { } key && !known.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                return key;
            }
        }

        return null;
    }

    /// <summary>Only a short plain key is quoted back; anything else could be text the sender did not mean to echo.</summary>
    private static bool IsPlainName(string key) => key.Length is > 0 and <= 40 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    /// <summary>
    /// Reads the whole body, at most <paramref name="maxBytes"/>, within <c>Coach:Clients:BodyReadTimeout</c>. Done before
    /// any analysis slot is taken, so a client that uploads slowly holds only its own connection.
    /// </summary>
    private static async Task<(byte[]? Body, ProblemHttpResult? Problem)> ReadAllAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        var services = request.HttpContext.RequestServices;
        var timeout = services.GetRequiredService<IOptions<ClientLimitOptions>>().Value.BodyReadTimeout;
        using var deadline = new CancellationTokenSource(timeout, services.GetRequiredService<TimeProvider>());
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        PipeReader reader = request.BodyReader;
        try
        {
            var result = await reader.ReadAtLeastAsync(maxBytes + 1, linked.Token);
            try
            {
                if (result.Buffer.Length > maxBytes)
                {
                    request.HttpContext.Response.Headers.Connection = "close";
                    return (null, TooLarge(maxBytes));
                }

                return (result.Buffer.ToArray(), null);
            }
            finally
            {
                reader.AdvanceTo(result.Buffer.End);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            request.HttpContext.Response.Headers.Connection = "close";
            return (null, ApiProblem.Create(
                StatusCodes.Status408RequestTimeout, ApiProblem.RequestTimeout, "Request too slow",
                $"The request body did not arrive within {timeout.TotalSeconds:0} seconds. Send it again in one go."));
        }
        catch (BadHttpRequestException ex)
        {
            // Kestrel's verdict on the framing (a chunk size of "zz"), the size or the pace of the body: a 4xx, not a 500.
            request.HttpContext.Response.Headers.Connection = "close";
            return (null, ApiProblem.ForBadHttpRequest(ex));
        }
    }

    private static bool IsUtf8(string? contentType) =>
        !MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
        || mediaType.Charset.Length == 0
        || mediaType.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
        || mediaType.Charset.Equals("utf8", StringComparison.OrdinalIgnoreCase)
        || mediaType.Charset.Equals("\"utf-8\"", StringComparison.OrdinalIgnoreCase);

    private static ReadOnlySpan<byte> WithoutByteOrderMark(byte[] bytes) =>
        bytes.AsSpan().StartsWith("\uFEFF"u8) ? bytes.AsSpan(3) : bytes;

    /// <summary>Whether the top-level object names a key twice, ignoring case (the serializer matches names that way).</summary>
    private static bool HasDuplicateKey(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && !seen.Add(reader.GetString()!))
            {
                return true;
            }
        }

        return false;
    }

    private static ProblemHttpResult Invalid(string detail) =>
        ApiProblem.Create(StatusCodes.Status400BadRequest, ApiProblem.InvalidJson, "Invalid JSON", detail);

    private static ProblemHttpResult TooLarge(int maxBytes) =>
        ApiProblem.Create(
            StatusCodes.Status413PayloadTooLarge, ApiProblem.PayloadTooLarge, "Request too large",
            $"The request body is larger than {maxBytes / 1024} KB.");
}
