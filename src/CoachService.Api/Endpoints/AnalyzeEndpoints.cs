using CoachService.Contracts;
using CoachService.Core.Contracts;
using CoachService.Api.Http;
using CoachService.Core;
using CoachService.Core.Detection;
using CoachService.Core.Reading;
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
            .WithSummary("Find blame in a message.")
            .WithDescription("Splits the message into sentences, scores each for blame, and returns the words that carry it with a plain-language reason. Offsets are UTF-16 code units.")
            .AcceptsMessage<AnalyzeRequest>();
        group.MapGet("/version", (ServiceVersions versions) => TypedResults.Ok(new VersionResponse(
                versions.Service, versions.Model, versions.DataHash, versions.Encoder, versions.Safety, versions.Clauses, versions.Articles)))
            .WithName("GetVersion")
            .WithSummary("The versions of the service, its models and its articles.")
            .WithDescription("`model` is the blame models' version, the one every analysis reports as `modelVersion`; `dataHash` is the SHA-256 of the data they were trained on; `encoder`, `safety` and `articles` change whenever the fine-tuned encoder, the safety model or the article set does.");
        return group;
    }

    internal static async Task<Results<Ok<AnalyzeResponse>, ProblemHttpResult>> AnalyzeAsync(
        HttpRequest request, MessageCoach coach, AnalysisSlots slots, ReadingCache readings, IReadOnlyList<BlameRule> rules, IOptions<CoachOptions> options, CancellationToken cancellationToken)
    {
        var (body, problem) = await MessageBody.ReadAsync<AnalyzeRequest>(request, options.Value.Limits, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var (analysisOptions, invalid) = RequestOptions.Read(body!, rules);
        if (invalid is not null)
        {
            return invalid;
        }

        string client = ClientLimits.ClientKey(request.HttpContext);
        var response = await slots.RunAsync(readings, client, [body!.Text!],
            () => Task.FromResult(coach.Analyze(body.Text!, client, analysisOptions, cancellationToken).ToResponse(body.ClientToken)), cancellationToken);
        return response is null ? ClientLimits.Busy(request.HttpContext) : TypedResults.Ok(response);
    }
}
