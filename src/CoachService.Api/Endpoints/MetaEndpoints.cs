using CoachService.Contracts;
using CoachService.Core;
using CoachService.Core.Detection;
using CoachService.Core.Rewriting;
using CoachService.Core.Safety;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CoachService.Api.Endpoints;

/// <summary>GET /v1/meta: the limits the service enforces and the words to show for the ids in its answers.</summary>
public static class MetaEndpoints
{
    public static RouteGroupBuilder MapMetaEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1").WithTags("Meta");
        group.MapGet("/meta", GetMeta)
            .WithName("GetMeta")
            .WithSummary("The service's limits and the labels for the ids in its answers.")
            .WithDescription("`maxTextLength` (UTF-16 code units), `maxSentences` and `maxBatchItems` are the limits this service enforces, as configured. `categories`, `styles`, `components` and `safetyHeadings` give a label for every id an answer may carry, in the order to show them; `notes` are sentences to show when an answer has no note of its own. The web page reads this once when it opens instead of copying any of it.");
        return group;
    }

    internal static Ok<MetaResponse> GetMeta(IOptions<CoachOptions> options)
    {
        var limits = options.Value.Limits;
        return TypedResults.Ok(new MetaResponse(
            limits.MaxTextLength,
            limits.MaxSentences,
            limits.MaxBatchItems,
            [.. BlameCategory.All.Select(id => new LabelDto(id, PageLabels.Categories[id]))],
            [.. RewriteStyle.All.Select(id => new StyleDto(id, PageLabels.Styles[id].Label, PageLabels.Styles[id].Hint))],
            PageLabels.Components,
            [.. SafetyKind.Harmful.Select(kind => new LabelDto(kind, PageLabels.SafetyHeadings[kind]))],
            new MetaNotes(GentleRewriter.AlreadyKindNote, PageLabels.NoRewritesNote, PageLabels.SafetyNote)));
    }
}

/// <summary>
/// The words people read for the ids the API uses. The ids come from the domain (<see cref="BlameCategory"/>,
/// <see cref="RewriteStyle"/>, <see cref="SafetyKind"/>); every one of them needs a label here, which a test checks.
/// </summary>
public static class PageLabels
{
    public static IReadOnlyDictionary<string, string> Categories { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [BlameCategory.Absolute] = "All-or-nothing words",
        [BlameCategory.Accusation] = "Accusation",
        [BlameCategory.Character] = "Judging character",
        [BlameCategory.Contempt] = "Contempt",
        [BlameCategory.PseudoFeeling] = "Blame phrased as a feeling",
        [BlameCategory.Demand] = "Demand",
        [BlameCategory.Rhetorical] = "Loaded question",
    };

    public static IReadOnlyDictionary<string, (string Label, string Hint)> Styles { get; } = new Dictionary<string, (string, string)>(StringComparer.Ordinal)
    {
        [RewriteStyle.Gentle] = ("Gentle", "Your own words for what happened, how you feel and what you'd like."),
        [RewriteStyle.Brief] = ("Brief", "Short and clear, for when less is more."),
        [RewriteStyle.Warm] = ("Warm", "The gentle version, with thanks for hearing you out."),
    };

    /// <summary>The parts of a rewrite's <c>components</c> (camelCase, as in the JSON), in the order of a gentle start-up.</summary>
    public static IReadOnlyList<LabelDto> Components { get; } =
    [
        new("feeling", "Feeling"),
        new("situation", "Situation"),
        new("need", "Need"),
        new("request", "Request"),
    ];

    public static IReadOnlyDictionary<string, string> SafetyHeadings { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [SafetyKind.Threat] = "Let’s pause before sending this",
        [SafetyKind.SelfHarm] = "You don’t have to carry this alone",
        [SafetyKind.Abuse] = "Your safety comes first",
        [SafetyKind.Control] = "Let’s pause before sending this",
    };

    public const string NoRewritesNote = "We couldn’t suggest a rewrite for this message. The questions below may still help.";

    public const string SafetyNote =
        "This message raised a safety concern, so we won’t suggest rewrites. If anyone is in danger, please contact your local emergency number.";
}
