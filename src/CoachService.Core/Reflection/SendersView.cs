using System.Text.RegularExpressions;

namespace CoachService.Core.Reflection;

/// <summary>
/// Turns a situation written to the partner ("you didn't call while I waited") into the sender's view of it, for a
/// question asked of the sender: the partner becomes "they" ("they didn't call while you waited"). Singular "they"
/// keeps the verbs as they are; "I was" becomes "you were", and an object "you" becomes "them". Only the words
/// change: spacing and punctuation stay as written.
/// </summary>
public static partial class SendersView
{
    private static readonly Dictionary<string, string> Words = new(StringComparer.OrdinalIgnoreCase)
    {
        // The partner, spoken to as "you" in the message.
        ["you're"] = "they're", ["you've"] = "they've", ["you'll"] = "they'll", ["you'd"] = "they'd",
        ["your"] = "their", ["yours"] = "theirs", ["yourself"] = "themselves",

        // The sender, "I" in the message.
        ["i"] = "you", ["i'm"] = "you're", ["i've"] = "you've", ["i'll"] = "you'll", ["i'd"] = "you'd",
        ["me"] = "you", ["my"] = "your", ["mine"] = "yours", ["myself"] = "yourself",
    };

    /// <summary>Words after which "you" starts a clause (and so becomes "they", not "them").</summary>
    private static readonly HashSet<string> ClauseStarts = new(StringComparer.OrdinalIgnoreCase)
    {
        "and", "but", "or", "so", "when", "while", "because", "that", "if", "after", "before", "until", "since", "as", "then", "whenever",
        "where", "what", "who", "how", "why", "whether", "than",
    };

    public static string Of(string situation)
    {
        ArgumentNullException.ThrowIfNull(situation);
        string? previous = null;
        bool afterI = false;
        return Word().Replace(situation.Replace('’', '\''), match =>
        {
            string word = match.Value;
            string lower = word.ToLowerInvariant();
            string converted = lower switch
            {
                "you" => previous is null || ClauseStarts.Contains(previous) ? "they" : "them",
                "was" when afterI => "were",
                "am" when afterI => "are",
                _ => Words.GetValueOrDefault(lower, word),
            };
            afterI = lower == "i";
            previous = lower;
            return converted;
        });
    }

    [GeneratedRegex(@"[A-Za-z]+(?:'[A-Za-z]+)?")]
    private static partial Regex Word();
}
