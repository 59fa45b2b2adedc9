namespace CoachService.Core.Detection;

/// <summary>The kinds of blame the service recognises. The string ids are part of the API contract.</summary>
public static class BlameCategory
{
    public const string Absolute = "absolute";
    public const string Accusation = "accusation";
    public const string Character = "character";
    public const string Contempt = "contempt";
    public const string PseudoFeeling = "pseudo_feeling";
    public const string Demand = "demand";
    public const string Rhetorical = "rhetorical";

    /// <summary>The category given to sentences that carry no blame.</summary>
    public const string None = "none";

    public static IReadOnlyList<string> All { get; } =
        [Absolute, Accusation, Character, Contempt, PseudoFeeling, Demand, Rhetorical];

    public static bool IsKnown(string? category) => category is not null && All.Contains(category);
}
