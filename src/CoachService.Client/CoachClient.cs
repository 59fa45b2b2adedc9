using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CoachService.Contracts;

namespace CoachService.Client;

/// <summary>
/// A typed client for the CoachService HTTP API: the same contracts the service uses, read and written with their
/// source-generated JSON metadata. A problem answer (4xx, 5xx) is thrown as a <see cref="CoachApiException"/>
/// carrying its stable <c>code</c>.
/// </summary>
public sealed class CoachClient(HttpClient http)
{
    public Task<AnalyzeResponse> AnalyzeAsync(AnalyzeRequest request, CancellationToken cancellationToken = default) =>
        PostAsync("v1/analyze", request, CoachJsonContext.Default.AnalyzeRequest, CoachJsonContext.Default.AnalyzeResponse, cancellationToken);

    public Task<RewriteResponse> RewriteAsync(RewriteRequest request, CancellationToken cancellationToken = default) =>
        PostAsync("v1/rewrite", request, CoachJsonContext.Default.RewriteRequest, CoachJsonContext.Default.RewriteResponse, cancellationToken);

    public Task<ReflectResponse> ReflectAsync(ReflectRequest request, CancellationToken cancellationToken = default) =>
        PostAsync("v1/reflect", request, CoachJsonContext.Default.ReflectRequest, CoachJsonContext.Default.ReflectResponse, cancellationToken);

    public Task<AnalyzeBatchResponse> AnalyzeBatchAsync(AnalyzeBatchRequest request, CancellationToken cancellationToken = default) =>
        PostAsync("v1/analyze/batch", request, CoachJsonContext.Default.AnalyzeBatchRequest, CoachJsonContext.Default.AnalyzeBatchResponse, cancellationToken);

    public Task<RewriteBatchResponse> RewriteBatchAsync(RewriteBatchRequest request, CancellationToken cancellationToken = default) =>
        PostAsync("v1/rewrite/batch", request, CoachJsonContext.Default.RewriteBatchRequest, CoachJsonContext.Default.RewriteBatchResponse, cancellationToken);

    public Task<FeedbackResponse> FeedbackAsync(FeedbackRequest request, CancellationToken cancellationToken = default) =>
        PostAsync("v1/feedback", request, CoachJsonContext.Default.FeedbackRequest, CoachJsonContext.Default.FeedbackResponse, cancellationToken);

    public async Task<VersionResponse> VersionAsync(CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync(new Uri("v1/version", UriKind.Relative), cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, CoachJsonContext.Default.VersionResponse, cancellationToken).ConfigureAwait(false);
    }

    private async Task<TResponse> PostAsync<TRequest, TResponse>(
        string path, TRequest request, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(new Uri(path, UriKind.Relative), request, requestType, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, responseType, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw await CoachApiException.FromAsync(response, cancellationToken).ConfigureAwait(false);
        }

        return await response.Content.ReadFromJsonAsync(type, cancellationToken).ConfigureAwait(false)
            ?? throw new CoachApiException(response.StatusCode, "empty_response", "The service answered with no body.", null);
    }
}

/// <summary>A problem answer from the service: the HTTP status, the problem's stable <c>code</c>, its detail, and Retry-After if any.</summary>
public sealed class CoachApiException(HttpStatusCode status, string code, string detail, TimeSpan? retryAfter)
    : Exception($"{(int)status} {code}: {detail}")
{
    public HttpStatusCode Status { get; } = status;

    public string Code { get; } = code;

    public string Detail { get; } = detail;

    public TimeSpan? RetryAfter { get; } = retryAfter;

    internal static async Task<CoachApiException> FromAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string code = "http_" + (int)response.StatusCode;
        string detail = response.ReasonPhrase ?? "";
        try
        {
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            if (problem.RootElement.ValueKind == JsonValueKind.Object)
            {
                code = problem.RootElement.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString()! : code;
                detail = problem.RootElement.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString()! : detail;
            }
        }
        catch (JsonException)
        {
            // Not a problem document (a proxy's error page): the status says what happened.
        }

        return new CoachApiException(response.StatusCode, code, detail, response.Headers.RetryAfter?.Delta);
    }
}
