namespace CoachService.Core.Detection;

/// <summary>
/// What a caller may choose per request, as the checkers other apps already call allow (a score threshold, rules
/// turned off, only some categories). Null everywhere is the service's own reading.
/// </summary>
/// <param name="Threshold">The blame probability at or above which a sentence blames, instead of the model's.</param>
/// <param name="Categories">Report only blame of these categories; a sentence of another category is not reported as blame.</param>
/// <param name="DisabledRules">Highlights of these rule ids are not reported; a blaming sentence whose every highlight is turned off is not reported as blame.</param>
public sealed record AnalysisOptions(float? Threshold = null, IReadOnlySet<string>? Categories = null, IReadOnlySet<string>? DisabledRules = null)
{
    public static AnalysisOptions Default { get; } = new();

    /// <summary>Whether a caller's threshold is one (0 to 1).</summary>
    public static bool IsThreshold(double value) => value is >= 0 and <= 1;
}
