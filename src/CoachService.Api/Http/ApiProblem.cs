using Microsoft.AspNetCore.Http.HttpResults;

namespace CoachService.Api.Http;

/// <summary>
/// RFC 9457 problem details with a stable machine-readable <c>code</c>: callers branch on the code, people
/// read the detail. Never includes the caller's message text.
/// </summary>
public static class ApiProblem
{
    public const string InvalidJson = "invalid_json";
    public const string UnsupportedMediaType = "unsupported_media_type";
    public const string PayloadTooLarge = "payload_too_large";
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
        StatusCodes.Status400BadRequest => "bad_request",
        StatusCodes.Status404NotFound => NotFound,
        StatusCodes.Status405MethodNotAllowed => MethodNotAllowed,
        StatusCodes.Status413PayloadTooLarge => PayloadTooLarge,
        StatusCodes.Status415UnsupportedMediaType => UnsupportedMediaType,
        StatusCodes.Status429TooManyRequests => "rate_limited",
        _ when status >= 500 => InternalError,
        _ => "error",
    };
}
