using CoachService.Api.Http;
using CoachService.Contracts;
using CoachService.Core.Contracts;
using CoachService.Core.Rewriting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CoachService.Api.Endpoints;

public static class CoachingEndpoints
{
    public const string StyleUnknown = "style_unknown";

    public static RouteGroupBuilder MapCoachingEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1").WithTags("Coaching");
        group.MapPost("/rewrite", RewriteAsync)
            .WithName("Rewrite")
            .WithSummary("Suggest gentler rewrites of a blaming message, with reflective questions.")
            .WithDescription("Rewrites each run of blaming sentences as 'I feel… when…' in the sender's own words with a request that fits, in the requested styles, keeps the other sentences, and re-checks every rewrite with the classifier. A message without blame, or with none the service is confident in, gets no rewrites and a note; a message the safety check worries about gets a pointer to help or a check-in line instead.")
            .AcceptsMessage<RewriteRequest>();
        group.MapPost("/reflect", ReflectAsync)
            .WithName("Reflect")
            .WithSummary("Ask reflective questions about a message, each citing an article section.")
            .WithDescription("Up to three questions, asked of the sender, each citing an article section. Without an LLM they are composed from the sender's own situation when the service can put it in their words, else none; with one, the LLM's cited questions, topped up the same way. When there are none, a note says why.")
            .AcceptsMessage<ReflectRequest>();
        return group;
    }

    internal static Task<Results<Ok<RewriteResponse>, ProblemHttpResult>> RewriteAsync(
        HttpRequest request, [AsParameters] MessageServices services, CancellationToken cancellationToken) =>
        MessageBody.AnswerAsync<RewriteRequest, RewriteResponse>(request, services, body => CheckStyles(body.Styles), async (body, client, analysisOptions) =>
            (await services.Coach.RewriteAsync(body.Text!, body.Styles?.Distinct().ToList(), body.IncludeQuestions ?? true, client, analysisOptions, cancellationToken))
                .ToResponse(request.HttpContext.TraceIdentifier, body.ClientToken), cancellationToken);

    /// <summary>"styles" is left out, or one or more known styles (a null in the list is not a style).</summary>
    internal static ProblemHttpResult? CheckStyles(IReadOnlyList<string>? styles) =>
        styles is null || (styles.Count > 0 && styles.All(s => s is not null && RewriteStyle.All.Contains(s)))
            ? null
            : ApiProblem.Create(
                StatusCodes.Status400BadRequest, StyleUnknown, "Unknown style",
                $"\"styles\" takes any of {string.Join(", ", RewriteStyle.All.Select(s => $"\"{s}\""))}, or leave it out for all three.");

    internal static Task<Results<Ok<ReflectResponse>, ProblemHttpResult>> ReflectAsync(
        HttpRequest request, [AsParameters] MessageServices services, CancellationToken cancellationToken) =>
        MessageBody.AnswerAsync<ReflectRequest, ReflectResponse>(request, services, check: null, async (body, client, _) =>
        {
            var (_, reflection, note) = await services.Coach.ReflectAsync(body.Text!, client, cancellationToken);
            return new ReflectResponse(reflection.Questions.Select(q => q.ToDto()).ToList(), reflection.Engine, note);
        }, cancellationToken);
}
