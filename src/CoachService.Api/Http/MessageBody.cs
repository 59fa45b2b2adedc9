using CoachService.Contracts;
using CoachService.Core;
using CoachService.Core.Detection;
using CoachService.Core.Reading;
using CoachService.Core.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CoachService.Api.Http;

/// <summary>What the message endpoints, single and batch, need from the container.</summary>
internal sealed record MessageServices(
    MessageCoach Coach, AnalysisSlots Slots, FleetRateLimiter Limiter, ReadingCache Readings, IReadOnlyList<BlameRule> Rules, ServiceVersions Versions, IOptions<CoachOptions> Options);

/// <summary>What every message endpoint (analyze, rewrite, reflect) does first, and declares, in one place.</summary>
public static class MessageBody
{
    /// <summary>Reads the JSON body and checks the message against the limits; a problem names what is wrong.</summary>
    public static async Task<(T? Body, ProblemHttpResult? Problem)> ReadAsync<T>(HttpRequest request, MessageLimits limits, CancellationToken cancellationToken)
        where T : class, IMessageRequest
    {
        return await JsonBody.ReadAsync<T>(
            request,
            cancellationToken,
            body => MessageValidation.Validate(body.Text, limits) is { } invalid ? MessageProblems.ToProblem(invalid) : null);
    }

    /// <summary>
    /// A single-message endpoint from body to answer, in this order: the body and its message (<see cref="ReadAsync{T}"/>),
    /// the endpoint's own <paramref name="check"/>, the per-request options of a body that takes them, then
    /// <paramref name="work"/> (given the body, the client and the options) in an analysis slot; 503 server_busy when
    /// no slot came free.
    /// </summary>
    internal static async Task<Results<Ok<TResponse>, ProblemHttpResult>> AnswerAsync<TRequest, TResponse>(
        HttpRequest request,
        MessageServices services,
        Func<TRequest, ProblemHttpResult?>? check,
        Func<TRequest, string, AnalysisOptions?, Task<TResponse>> work,
        CancellationToken cancellationToken)
        where TRequest : class, IMessageRequest
        where TResponse : class
    {
        var (body, problem) = await ReadAsync<TRequest>(request, services.Options.Value.Limits, cancellationToken);
        if ((problem ?? check?.Invoke(body!)) is { } refused)
        {
            return refused;
        }

        AnalysisOptions? analysisOptions = null;
        if (body is IOptionsRequest withOptions)
        {
            (analysisOptions, var invalid) = RequestOptions.Read(withOptions, services.Rules);
            if (invalid is not null)
            {
                return invalid;
            }
        }

        string client = ClientLimits.ClientKey(request.HttpContext);
        var response = await services.Slots.RunAsync(services.Readings, client, [body!.Text!], () => work(body, client, analysisOptions), cancellationToken);
        return response is null ? ClientLimits.Busy(request.HttpContext) : TypedResults.Ok(response);
    }

    /// <summary>The body it accepts (one message, or a batch of them) and the problems it can answer with.</summary>
    public static RouteHandlerBuilder AcceptsMessage<TRequest>(this RouteHandlerBuilder builder)
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
