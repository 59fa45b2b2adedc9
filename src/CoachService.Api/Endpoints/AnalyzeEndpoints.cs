using CoachService.Api.Contracts;
using CoachService.Api.Http;
using CoachService.Core;
using CoachService.Core.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CoachService.Api.Endpoints;

public static class AnalyzeEndpoints
{
    public static RouteGroupBuilder MapAnalyzeEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1").WithTags("Analysis");
        group.MapPost("/analyze", AnalyzeAsync)
            .WithName("Analyze")
            .RequireRateLimiting(ClientLimits.CpuPolicy)
            .WithSummary("Find blame in a message.")
            .WithDescription("Splits the message into sentences, scores each for blame, and returns the words that carry it with a plain-language reason. Offsets are UTF-16 code units.")
            .Accepts<AnalyzeRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return group;
    }

    internal static async Task<Results<Ok<AnalyzeResponse>, ProblemHttpResult>> AnalyzeAsync(
        HttpRequest request, MessageCoach coach, IOptions<CoachOptions> options, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<AnalyzeRequest>(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (MessageValidation.Validate(body!.Text, options.Value.Limits) is { } invalid)
        {
            return MessageProblems.ToProblem(invalid);
        }

        return TypedResults.Ok(coach.Analyze(body.Text!).ToResponse());
    }
}
