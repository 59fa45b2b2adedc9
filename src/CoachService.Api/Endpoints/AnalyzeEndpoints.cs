using CoachService.Api.Http;
using CoachService.Contracts;
using CoachService.Core;
using CoachService.Core.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

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
                versions.Service, versions.Model, versions.DataHash, versions.Encoder, versions.Safety, versions.Clauses, versions.Articles, versions.Sections)))
            .WithName("GetVersion")
            .WithSummary("The versions of the service, its models and its articles.")
            .WithDescription("`model` is the blame models' version, the one every analysis reports as `modelVersion`; `dataHash` is the SHA-256 of the data they were trained on; `encoder`, `safety`, `clauses`, `articles` and `sections` change whenever the fine-tuned encoder, the safety model, the rewriter's learned checks (its clause checks and its rewrite check), the article set or the model that ranks its sections does.");
        return group;
    }

    internal static Task<Results<Ok<AnalyzeResponse>, ProblemHttpResult>> AnalyzeAsync(
        HttpRequest request, [AsParameters] MessageServices services, CancellationToken cancellationToken) =>
        MessageBody.AnswerAsync<AnalyzeRequest, AnalyzeResponse>(request, services, check: null, (body, client, analysisOptions) =>
            Task.FromResult(services.Coach.Analyze(body.Text!, client, analysisOptions, cancellationToken).ToResponse(body.ClientToken)), cancellationToken);
}
