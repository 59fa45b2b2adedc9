using System.Text.RegularExpressions;
using CoachService.Core.Text;

namespace CoachService.Core.Reflection;

/// <summary>
/// Turns a situation written to the partner ("you didn't call while I waited") into the sender's view of it, for a
/// question asked of the sender: the partner becomes "they" ("they didn't call while you waited"). Singular "they"
/// keeps the verbs as they are; "I was" becomes "you were", and an object "you" becomes "them". Only the words
/// change: spacing and punctuation stay as written.
/// </summary>
public static partial class SendersView
{
    /// <summary>The partner ("you" in the message) becomes "they", the sender ("I") becomes "you".</summary>
    private static readonly Dictionary<string, string> Words = new(Lexicon.Shipped.Pairs("senders-view.swaps"), StringComparer.OrdinalIgnoreCase);

    /// <summary>Words after which "you" starts a clause (and so becomes "they", not "them").</summary>
    private static readonly HashSet<string> ClauseStarts = new(Lexicon.Shipped.Words("senders-view.clause-starts"), StringComparer.OrdinalIgnoreCase);

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
