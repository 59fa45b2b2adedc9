namespace CoachService.Core.Rewriting;

/// <summary>The need behind a complaint. The string ids are the labels of the concern model and the API.</summary>
public static class Concern
{
    public const string General = "general";

    public static IReadOnlyList<string> All { get; } =
    [
        "listening", "chores", "phone", "lateness", "money", "affection", "time_together", "commitments", "tone",
        "family", "parenting", "jealousy", "work_rest", "apologies", General,
    ];
}
