using System.Globalization;
using CoachService.Contracts;
using CoachService.Core.Contracts;
using CoachService.Api.Http;
using CoachService.Core;
using CoachService.Core.Detection;
using CoachService.Core.Rewriting;
using CoachService.Core.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CoachService.Api.Endpoints;

/// <summary>
/// Batches, as DeepL's <c>text[]</c>: up to <c>Coach:Limits:MaxBatchItems</c> messages read with one encoder call.
/// Results come back in order; an item that is wrong (no text, too long…) gets its own error with the code a
/// single request would get, and the others are answered anyway. A batch costs one rate-limit permit per item.
/// </summary>
public static class BatchEndpoints
{
    public const string ItemsMissing = "items_missing";
    public const string TooManyItems = "too_many_items";
    public const int MaxIdLength = 100;

    public static RouteGroupBuilder MapBatchEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1");
        group.MapPost("/analyze/batch", AnalyzeBatchAsync)
            .WithTags("Analysis")
            .WithName("AnalyzeBatch")
            .WithSummary("Find blame in several messages at once.")
            .WithDescription("Up to 50 items (Coach:Limits:MaxBatchItems), each { id?, text }, with the options of POST /v1/analyze for all of them. Items come back in order, each with its analysis or its own error.")
            .AcceptsBatch<AnalyzeBatchRequest>();
        group.MapPost("/rewrite/batch", RewriteBatchAsync)
            .WithTags("Coaching")
            .WithName("RewriteBatch")
            .WithSummary("Gentler rewrites for several messages at once.")
            .WithDescription("Up to 50 items (Coach:Limits:MaxBatchItems), each { id?, text }, with the styles, questions switch and options of POST /v1/rewrite for all of them. Items come back in order, each with its result or its own error.")
            .AcceptsBatch<RewriteBatchRequest>();
        return group;
    }

    internal static async Task<Results<Ok<AnalyzeBatchResponse>, ProblemHttpResult>> AnalyzeBatchAsync(
        HttpRequest request, MessageCoach coach, AnalysisSlots slots, ClientRateLimiter limiter, IReadOnlyList<BlameRule> rules, ServiceVersions versions,
        IOptions<CoachOptions> options, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<AnalyzeBatchRequest>(request, cancellationToken, b => CheckItems(b.Items, options.Value.Limits), JsonBody.MaxBatchBytes);
        if (problem is not null)
        {
            return problem;
        }

        var (analysisOptions, invalid) = RequestOptions.Read(body!, rules);
        if ((invalid ?? Charge(request.HttpContext, limiter, body!.Items!.Count)) is { } refused)
        {
            return refused;
        }

        var items = Validate(body!.Items!, options.Value.Limits);
        using var slot = await slots.EnterAsync(cancellationToken);
        if (slot is null)
        {
            return ClientLimits.Busy(request.HttpContext);
        }

        var valid = items.Where(i => i.Error is null).ToList();
        var analyses = coach.AnalyzeMany([.. valid.Select(i => i.Text!)], ClientLimits.ClientKey(request.HttpContext), analysisOptions, cancellationToken);
        var byIndex = valid.Select((item, k) => (item.Index, Analysis: analyses[k])).ToDictionary(x => x.Index, x => x.Analysis);
        return TypedResults.Ok(new AnalyzeBatchResponse(
            [.. items.Select(i => new AnalyzeBatchItem(i.Id, byIndex.TryGetValue(i.Index, out var a) ? a.ToResponse(body.ClientToken) : null, i.Error))],
            versions.Model,
            body.ClientToken));
    }

    internal static async Task<Results<Ok<RewriteBatchResponse>, ProblemHttpResult>> RewriteBatchAsync(
        HttpRequest request, MessageCoach coach, AnalysisSlots slots, ClientRateLimiter limiter, IReadOnlyList<BlameRule> rules, ServiceVersions versions,
        IOptions<CoachOptions> options, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<RewriteBatchRequest>(request, cancellationToken, b => CheckItems(b.Items, options.Value.Limits), JsonBody.MaxBatchBytes);
        if (problem is not null)
        {
            return problem;
        }

        if (body!.Styles is not null && (body.Styles.Count == 0 || body.Styles.Any(s => s is null || !RewriteStyle.All.Contains(s))))
        {
            return CoachingEndpoints.UnknownStyle();
        }

        var (analysisOptions, invalid) = RequestOptions.Read(body, rules);
        if ((invalid ?? Charge(request.HttpContext, limiter, body.Items!.Count)) is { } refused)
        {
            return refused;
        }

        var items = Validate(body.Items!, options.Value.Limits);
        using var slot = await slots.EnterAsync(cancellationToken);
        if (slot is null)
        {
            return ClientLimits.Busy(request.HttpContext);
        }

        var valid = items.Where(i => i.Error is null).ToList();
        string requestId = request.HttpContext.TraceIdentifier;
        var results = await coach.RewriteManyAsync(
            [.. valid.Select(i => i.Text!)], body.Styles?.Distinct().ToList(), body.IncludeQuestions ?? true, ClientLimits.ClientKey(request.HttpContext), analysisOptions, cancellationToken);
        var byIndex = valid.Select((item, k) => (item.Index, Result: results[k])).ToDictionary(x => x.Index, x => x.Result);
        return TypedResults.Ok(new RewriteBatchResponse(
            [.. items.Select(i => new RewriteBatchItem(i.Id, byIndex.TryGetValue(i.Index, out var r) ? r.ToResponse(requestId, body.ClientToken) : null, i.Error))],
            versions.Model,
            requestId,
            body.ClientToken));
    }

    /// <summary>The batch as a whole: present, not empty, not over the limit. Items are checked one by one later.</summary>
    private static ProblemHttpResult? CheckItems(IReadOnlyList<BatchItem>? items, MessageLimits limits) => items switch
    {
        null or { Count: 0 } => ApiProblem.Create(StatusCodes.Status400BadRequest, ItemsMissing, "Items missing", "Send \"items\": a list of { \"id\"?, \"text\" } objects, at least one."),
        { Count: var n } when n > limits.MaxBatchItems => ApiProblem.Create(
            StatusCodes.Status400BadRequest, TooManyItems, "Too many items", $"A batch holds at most {limits.MaxBatchItems} items; send the rest in another."),
        _ => null,
    };

    /// <summary>A batch costs one permit per item; the request itself already took one.</summary>
    private static ProblemHttpResult? Charge(HttpContext context, ClientRateLimiter limiter, int items)
    {
        if (items <= 1 || limiter.TryAcquire(ClientLimits.ClientKey(context), items - 1, out var retryAfter))
        {
            return null;
        }

        CoachMetrics.RateLimitRejected();
        int seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return ApiProblem.Create(
            StatusCodes.Status429TooManyRequests, ClientLimits.RateLimited, "Too many requests",
            $"A batch costs one request per item, and this client does not have {items} left now. Try again in {seconds} seconds, or send fewer items.");
    }

    private sealed record Item(int Index, string Id, string? Text, BatchItemError? Error);

    private static List<Item> Validate(IReadOnlyList<BatchItem> items, MessageLimits limits) =>
        [.. items.Select((item, index) =>
        {
            string id = item?.Id ?? index.ToString(CultureInfo.InvariantCulture);
            if (item is null)
            {
                return new Item(index, id, null, new BatchItemError(MessageValidation.TextMissing, "This item is null; send { \"id\"?, \"text\" }."));
            }

            if (id.Length > MaxIdLength)
            {
                return new Item(index, index.ToString(CultureInfo.InvariantCulture), null, new BatchItemError(RequestOptions.InvalidOption, $"An item's \"id\" is at most {MaxIdLength} characters."));
            }

            return MessageValidation.Validate(item.Text, limits) is { } invalid
                ? new Item(index, id, null, new BatchItemError(invalid.Code, invalid.Detail))
                : new Item(index, id, item.Text, null);
        })];

    private static RouteHandlerBuilder AcceptsBatch<TRequest>(this RouteHandlerBuilder builder)
        where TRequest : notnull =>
        builder
            .Accepts<TRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status408RequestTimeout)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
}
