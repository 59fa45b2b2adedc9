using System.Globalization;
using CoachService.Contracts;
using CoachService.Core.Contracts;
using CoachService.Api.Http;
using CoachService.Core;
using CoachService.Core.Detection;
using CoachService.Core.Text;
using Microsoft.AspNetCore.Http.HttpResults;

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
            .AcceptsMessage<AnalyzeBatchRequest>();
        group.MapPost("/rewrite/batch", RewriteBatchAsync)
            .WithTags("Coaching")
            .WithName("RewriteBatch")
            .WithSummary("Gentler rewrites for several messages at once.")
            .WithDescription("Up to 50 items (Coach:Limits:MaxBatchItems), each { id?, text }, with the styles, questions switch and options of POST /v1/rewrite for all of them. Items come back in order, each with its result or its own error.")
            .AcceptsMessage<RewriteBatchRequest>();
        return group;
    }

    internal static async Task<Results<Ok<AnalyzeBatchResponse>, ProblemHttpResult>> AnalyzeBatchAsync(
        HttpRequest request, [AsParameters] MessageServices services, CancellationToken cancellationToken)
    {
        var (batch, problem) = await ReadAsync<AnalyzeBatchRequest>(request, services, b => b.Items, null, cancellationToken);
        if (batch is null)
        {
            return problem!;
        }

        AnalyzeBatchResponse response;
        using (batch.Slot)
        {
            var analyses = services.Coach.AnalyzeMany(batch.Texts, batch.Client, batch.AnalysisOptions, cancellationToken);
            string? token = batch.Body.ClientToken;
            response = new AnalyzeBatchResponse(
                batch.Answer(analyses, (item, analysis) => new AnalyzeBatchItem(item.Id, analysis?.ToResponse(token), item.Error)),
                services.Versions.Model,
                token);
        }

        await services.Readings.ShareAsync(batch.Client, batch.Texts, cancellationToken);
        return TypedResults.Ok(response);
    }

    internal static async Task<Results<Ok<RewriteBatchResponse>, ProblemHttpResult>> RewriteBatchAsync(
        HttpRequest request, [AsParameters] MessageServices services, CancellationToken cancellationToken)
    {
        var (batch, problem) = await ReadAsync<RewriteBatchRequest>(request, services, b => b.Items, b => CoachingEndpoints.CheckStyles(b.Styles), cancellationToken);
        if (batch is null)
        {
            return problem!;
        }

        RewriteBatchResponse response;
        using (batch.Slot)
        {
            var body = batch.Body;
            string requestId = request.HttpContext.TraceIdentifier;
            var results = await services.Coach.RewriteManyAsync(
                batch.Texts, body.Styles?.Distinct().ToList(), body.IncludeQuestions ?? true, batch.Client, batch.AnalysisOptions, cancellationToken);
            response = new RewriteBatchResponse(
                batch.Answer(results, (item, result) => new RewriteBatchItem(item.Id, result?.ToResponse(requestId, body.ClientToken), item.Error)),
                services.Versions.Model,
                requestId,
                body.ClientToken);
        }

        await services.Readings.ShareAsync(batch.Client, batch.Texts, cancellationToken);
        return TypedResults.Ok(response);
    }

    /// <summary>A batch read and admitted: its body, options, items (each valid or with its error), the valid texts, and the analysis slot it holds.</summary>
    private sealed record Batch<T>(T Body, AnalysisOptions? AnalysisOptions, List<Item> Items, string Client, IDisposable Slot)
    {
        public IReadOnlyList<string> Texts { get; } = [.. Items.Where(i => i.Error is null).Select(i => i.Text!)];

        /// <summary>One answer per item, in order: the result for a valid item (in the order of <see cref="Texts"/>), else its error.</summary>
        public List<TItem> Answer<TResult, TItem>(IReadOnlyList<TResult> results, Func<Item, TResult?, TItem> make)
            where TResult : class
        {
            int next = 0;
            return [.. Items.Select(item => make(item, item.Error is null ? results[next++] : null))];
        }
    }

    /// <summary>
    /// Everything before the work, in the order a single request does it: the body (with the batch's own checks and
    /// <paramref name="check"/> before unknown fields), the options, one rate-limit permit per further item, each
    /// item's text, the readings other replicas shared (before the slot: waiting on Redis holds no CPU slot), and an
    /// analysis slot.
    /// </summary>
    private static async Task<(Batch<T>? Batch, ProblemHttpResult? Problem)> ReadAsync<T>(
        HttpRequest request, MessageServices services, Func<T, IReadOnlyList<BatchItem>?> items, Func<T, ProblemHttpResult?>? check, CancellationToken cancellationToken)
        where T : class, IOptionsRequest
    {
        var limits = services.Options.Value.Limits;
        var (body, problem) = await JsonBody.ReadAsync<T>(request, cancellationToken, b => CheckItems(items(b), limits) ?? check?.Invoke(b), JsonBody.MaxBatchBytes);
        if (problem is not null)
        {
            return (null, problem);
        }

        var (analysisOptions, invalid) = RequestOptions.Read(body!, services.Rules);
        var sent = items(body!)!;
        if ((invalid ?? await ChargeAsync(request.HttpContext, services.Limiter, sent.Count, cancellationToken)) is { } refused)
        {
            return (null, refused);
        }

        var checkedItems = Validate(sent, limits);
        string client = ClientLimits.ClientKey(request.HttpContext);
        await services.Readings.FetchSharedAsync(client, [.. checkedItems.Where(i => i.Error is null).Select(i => i.Text!)], cancellationToken);
        var slot = await services.Slots.EnterAsync(cancellationToken);
        return slot is null
            ? (null, ClientLimits.Busy(request.HttpContext))
            : (new Batch<T>(body!, analysisOptions, checkedItems, client, slot), null);
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
    private static async Task<ProblemHttpResult?> ChargeAsync(HttpContext context, FleetRateLimiter limiter, int items, CancellationToken cancellationToken)
    {
        if (items <= 1)
        {
            return null;
        }

        var (acquired, retryAfter) = await limiter.TryAcquireAsync(ClientLimits.ClientKey(context), items - 1, cancellationToken);
        return acquired
            ? null
            : ClientLimits.TooManyRequests(context, retryAfter, $"A batch costs one request per item, and this client does not have {items} left now. Try again in {{0}} seconds, or send fewer items.");
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
}
