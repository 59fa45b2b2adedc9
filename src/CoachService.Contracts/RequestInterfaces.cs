namespace CoachService.Contracts;

/// <summary>A request body that carries a message to check.</summary>
public interface IMessageRequest
{
    string? Text { get; }
}

/// <summary>A request body that may carry per-request options (analyze, rewrite).</summary>
public interface IOptionsRequest
{
    /// <summary>The blame probability (0 to 1) at or above which a sentence blames, instead of the model's.</summary>
    double? Threshold { get; }

    /// <summary>Report only blame of these categories.</summary>
    IReadOnlyList<string>? Categories { get; }

    /// <summary>Rule ids (a match's <c>ruleId</c>) not to report.</summary>
    IReadOnlyList<string>? DisabledRules { get; }

    /// <summary>Any string up to 200 characters, echoed back in the response.</summary>
    string? ClientToken { get; }
}
