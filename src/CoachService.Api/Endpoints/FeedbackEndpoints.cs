using CoachService.Api.Http;
using CoachService.Contracts;
using CoachService.Core;
using CoachService.Core.Detection;
using CoachService.Core.Feedback;
using CoachService.Core.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CoachService.Api.Endpoints;

/// <summary>Feedback on a wrong flag, a missed one or a rewrite. Off by default; see <see cref="FeedbackStore"/> for what is kept.</summary>
public static class FeedbackEndpoints
{
    public const string FeedbackDisabled = "feedback_disabled";
    public const string VerdictUnknown = "verdict_unknown";
    public const string ModelVersionMissing = "model_version_missing";
    private const int MaxModelVersionLength = 100;

    public static RouteGroupBuilder MapFeedbackEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1").WithTags("Feedback");
        group.MapPost("/feedback", RecordAsync)
            .WithName("SendFeedback")
            .WithSummary("Say an answer was wrong (or a rewrite good).")
            .WithDescription("Off by default (403 feedback_disabled). Counted in metrics; kept only when a database is configured, and the text only with consent, deleted after the retention period. Nothing is trained from it automatically.")
            .Accepts<FeedbackRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return group;
    }

    internal static async Task<Results<Accepted<FeedbackResponse>, ProblemHttpResult>> RecordAsync(
        HttpRequest request, FeedbackStore store, IReadOnlyList<BlameRule> rules, IOptions<CoachOptions> options, CancellationToken cancellationToken)
    {
        if (!store.Enabled)
        {
            return ApiProblem.Create(StatusCodes.Status403Forbidden, FeedbackDisabled, "Feedback is off", "This service does not take feedback (Coach:Feedback:Enabled is false).");
        }

        var (body, problem) = await JsonBody.ReadAsync<FeedbackRequest>(request, cancellationToken, b => Check(b, rules, options.Value.Limits));
        if (problem is not null)
        {
            return problem;
        }

        var (kept, textKept) = store.Record(body!.Verdict!, body.RuleId, body.ModelVersion!, body.Text, body.Consent ?? false);
        return TypedResults.Accepted((string?)null, new FeedbackResponse(kept, textKept));
    }

    private static ProblemHttpResult? Check(FeedbackRequest body, IReadOnlyList<BlameRule> rules, MessageLimits limits)
    {
        if (body.Verdict is null || !FeedbackVerdict.All.Contains(body.Verdict))
        {
            return ApiProblem.Create(StatusCodes.Status400BadRequest, VerdictUnknown, "Unknown verdict", $"\"verdict\" is one of {string.Join(", ", FeedbackVerdict.All.Select(v => $"\"{v}\""))}.");
        }

        if (string.IsNullOrWhiteSpace(body.ModelVersion) || body.ModelVersion.Length > MaxModelVersionLength)
        {
            return ApiProblem.Create(StatusCodes.Status400BadRequest, ModelVersionMissing, "Model version missing", "Send the \"modelVersion\" of the analysis the verdict is about (see GET /v1/version).");
        }

        if (body.RuleId is not null && !rules.Any(r => r.Id == body.RuleId))
        {
            return ApiProblem.Create(StatusCodes.Status400BadRequest, RequestOptions.InvalidOption, "Invalid option", "\"ruleId\" is a rule id as the service reports it in a match's \"ruleId\", or leave it out.");
        }

        return body.Text is not null && MessageValidation.Validate(body.Text, limits) is { } invalid ? MessageProblems.ToProblem(invalid) : null;
    }
}
