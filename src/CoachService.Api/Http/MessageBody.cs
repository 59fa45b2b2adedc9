using CoachService.Contracts;
using CoachService.Core;
using CoachService.Core.Text;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CoachService.Api.Http;

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
