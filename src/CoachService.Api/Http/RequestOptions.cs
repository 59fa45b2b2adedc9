using CoachService.Contracts;
using CoachService.Core.Detection;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CoachService.Api.Http;

/// <summary>Checks the per-request options; a wrong one gets a 400 with the code <see cref="InvalidOption"/>, naming the field.</summary>
public static class RequestOptions
{
    public const string InvalidOption = "invalid_option";
    public const int MaxClientTokenLength = 200;
    private const int MaxListLength = 50;

    public static (AnalysisOptions? Options, ProblemHttpResult? Problem) Read(IOptionsRequest body, IReadOnlyList<BlameRule> rules)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(rules);
        if (body.Threshold is { } threshold && !AnalysisOptions.IsThreshold(threshold))
        {
            return Invalid("\"threshold\" is a probability from 0 to 1, or leave it out for the model's own.");
        }

        if (body.Categories is { } categories && (categories.Count is 0 or > MaxListLength || !categories.All(BlameCategory.IsKnown) || categories.Contains(BlameCategory.None)))
        {
            return Invalid($"\"categories\" takes one or more of {string.Join(", ", BlameCategory.All.Where(c => c != BlameCategory.None).Select(c => $"\"{c}\""))}, or leave it out for all.");
        }

        if (body.DisabledRules is { } disabled && (disabled.Count > MaxListLength || !disabled.All(id => id is not null && rules.Any(r => r.Id == id))))
        {
            return Invalid($"\"disabledRules\" takes up to {MaxListLength} rule ids as the service reports them in each match's \"ruleId\" (such as \"{rules[0].Id}\").");
        }

        if (body.ClientToken is { Length: > MaxClientTokenLength })
        {
            return Invalid($"\"clientToken\" is at most {MaxClientTokenLength} characters.");
        }

        bool none = body.Threshold is null && body.Categories is null && body.DisabledRules is null;
        return (none ? null : new AnalysisOptions(
            (float?)body.Threshold,
            body.Categories?.ToHashSet(StringComparer.Ordinal),
            body.DisabledRules?.ToHashSet(StringComparer.Ordinal)), null);
    }

    private static (AnalysisOptions?, ProblemHttpResult?) Invalid(string detail) =>
        (null, ApiProblem.Create(StatusCodes.Status400BadRequest, InvalidOption, "Invalid option", detail));
}
