using Microsoft.AspNetCore.Http.HttpResults;

namespace CoachService.Api.Http;

/// <summary>
/// RFC 9457 problem details with a stable machine-readable <c>code</c>: callers branch on the code, people
/// read the detail. Never includes the caller's message text.
/// </summary>
public static class ApiProblem
{
    public const string BadRequest = "bad_request";
    public const string InvalidJson = "invalid_json";
    public const string DuplicateKey = "duplicate_key";
    public const string UnknownField = "unknown_field";
    public const string UnsupportedMediaType = "unsupported_media_type";
    public const string UnsupportedCharset = "unsupported_charset";
    public const string PayloadTooLarge = "payload_too_large";
    public const string RequestTimeout = "request_timeout";
    public const string UriTooLong = "uri_too_long";
    public const string HeadersTooLarge = "headers_too_large";
    public const string NotFound = "not_found";
    public const string MethodNotAllowed = "method_not_allowed";
    public const string InternalError = "internal_error";

    public static ProblemHttpResult Create(int status, string code, string title, string detail) =>
        TypedResults.Problem(
            detail: detail,
            statusCode: status,
            title: title,
            type: $"https://coachservice.dev/problems/{code.Replace('_', '-')}",
            extensions: new Dictionary<string, object?> { ["code"] = code });

    /// <summary>The code a status gets when the framework, not an endpoint, produced the error.</summary>
    public static string CodeFor(int status) => status switch
    {
        StatusCodes.Status400BadRequest => BadRequest,
        StatusCodes.Status404NotFound => NotFound,
        StatusCodes.Status405MethodNotAllowed => MethodNotAllowed,
        StatusCodes.Status408RequestTimeout => RequestTimeout,
        StatusCodes.Status413PayloadTooLarge => PayloadTooLarge,
        StatusCodes.Status414UriTooLong => UriTooLong,
        StatusCodes.Status415UnsupportedMediaType => UnsupportedMediaType,
        StatusCodes.Status429TooManyRequests => "rate_limited",
        StatusCodes.Status431RequestHeaderFieldsTooLarge => HeadersTooLarge,
        _ when status >= 500 => InternalError,
        _ => "error",
    };

    /// <summary>The problem for an HTTP-level fault Kestrel reports while the body is read (bad chunk, too slow, too large).</summary>
    public static ProblemHttpResult ForBadHttpRequest(BadHttpRequestException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.StatusCode switch
        {
            StatusCodes.Status413PayloadTooLarge => Create(
                StatusCodes.Status413PayloadTooLarge, PayloadTooLarge, "Request too large", $"The request body is larger than {JsonBody.MaxBytes / 1024} KB."),
            StatusCodes.Status408RequestTimeout => Create(
                StatusCodes.Status408RequestTimeout, RequestTimeout, "Request too slow", "The request body arrived too slowly. Send it again in one go."),
            // The exception's own message can quote the request, so it is never used.
            _ => Create(
                StatusCodes.Status400BadRequest, BadRequest, "Malformed request",
                "The request is not valid HTTP (for example a malformed chunked body). Send it again."),
        };
    }
}
