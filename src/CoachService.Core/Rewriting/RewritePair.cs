using System.Text.RegularExpressions;
using CoachService.Core.Text;

namespace CoachService.Core.Rewriting;

/// <summary>
/// What the rewrite check (<see cref="SituationModel.QualityScore"/>) reads in an (original, rewrite) pair besides the
/// two texts' vectors: how much of the sender's message the rewrite keeps (their words, sentences, numbers and names),
/// how much it adds, and which form it took (the link, the ask, the tense). On the blind panels (read), raters turned
/// rewrites down most often for a dropped fact or a stock ask; these are the measures of both.
/// </summary>
public static partial class RewritePair
{
    /// <summary>
    /// The fewest sentences a message has for the rewrite check to read its rewrite. Of the 6,766 rated pairs of panels
    /// 2 to 57, 5,850 come from messages of three sentences or more, where a rewrite can drop the fact the complaint
    /// turns on; a shorter message's rewrite keeps nearly all of it, and the check has too few rated examples there to
    /// overrule the rules that wrote it ("You never listen to me" would lose its rewrite).
    /// </summary>
    public const int MinSentences = 3;

    /// <summary>Whether the rewrite check reads this message's rewrites (<see cref="MinSentences"/>).</summary>
    public static bool Checked(string original) => SentenceSplitter.Split(original).Count >= MinSentences;

    /// <summary>How many features <see cref="Features"/> gives.</summary>
    public const int FeatureCount = 20;

    private static readonly HashSet<string> Stop = new(
        ["i", "you", "u", "the", "a", "an", "to", "and", "of", "in", "on", "at", "for", "it", "is", "was", "be", "my", "your", "me", "we", "our",
         "that", "this", "with", "but", "so", "just", "not", "have", "has", "had", "are", "were", "he", "she", "they", "them", "his", "her", "its"],
        StringComparer.Ordinal);

    /// <summary>The pair's features, in a fixed order (<see cref="FeatureCount"/> of them).</summary>
    /// <param name="original">The message as the sender wrote it.</param>
    /// <param name="rewrite">The suggested message.</param>
    public static float[] Features(string original, string rewrite)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(rewrite);
        var originalWords = WordPattern().Matches(original.ToLowerInvariant()).Select(m => m.Value).ToList();
        var rewriteWords = WordPattern().Matches(rewrite.ToLowerInvariant()).Select(m => m.Value).ToList();
        var originalContent = originalWords.Where(w => !Stop.Contains(w)).ToHashSet(StringComparer.Ordinal);
        var rewriteContent = rewriteWords.Where(w => !Stop.Contains(w)).ToHashSet(StringComparer.Ordinal);
        var originalSentences = SentenceSplitter.Split(original).Select(s => s.Slice(original).Trim()).ToList();
        int rewriteSentences = SentenceSplitter.Split(rewrite).Count;
        var originalNumbers = NumberPattern().Matches(original).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        var originalNames = NamePattern().Matches(original).Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);
        return
        [
            Share(originalContent.Count(rewriteContent.Contains), originalContent.Count),
            Share(rewriteContent.Count(w => !originalContent.Contains(w)), rewriteContent.Count),
            MathF.Log(1 + originalSentences.Count),
            MathF.Log(1 + rewriteSentences),
            Share(originalSentences.Count(s => s.Length > 0 && rewrite.Contains(s, StringComparison.Ordinal)), originalSentences.Count),
            Flag(rewrite.EndsWith("talk about it?", StringComparison.Ordinal)),
            Flag(rewrite.Contains("Could you ", StringComparison.Ordinal)),
            Flag(rewrite.Contains("counting on", StringComparison.Ordinal)),
            Flag(rewrite.Contains(" because ", StringComparison.Ordinal)),
            Flag(rewrite.Contains(" that you", StringComparison.Ordinal)),
            Flag(rewrite.Contains("I feel ", StringComparison.Ordinal)),
            Flag(rewrite.Contains("I felt ", StringComparison.Ordinal)),
            Share(rewriteWords.Count, Math.Max(1, originalWords.Count)),
            MathF.Log(1 + originalWords.Count),
            MathF.Log(1 + rewriteWords.Count),
            Share(originalNumbers.Count(n => !rewrite.Contains(n, StringComparison.Ordinal)), originalNumbers.Count),
            Flag(original.Contains('?', StringComparison.Ordinal)),
            Flag(rewrite.Contains("I also ", StringComparison.Ordinal)),
            Flag(rewrite.StartsWith("I f", StringComparison.Ordinal)),
            Share(originalNames.Count(n => !rewrite.Contains(n, StringComparison.Ordinal)), originalNames.Count),
        ];
    }

    private static float Share(int part, int whole) => whole == 0 ? 0f : part / (float)whole;

    private static float Flag(bool value) => value ? 1f : 0f;

    [GeneratedRegex(@"[\p{L}\p{N}']+", RegexOptions.CultureInvariant)]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"\d+", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();

    /// <summary>A capitalised word not at a sentence's start: a name or a place ("Ciarán", "Lowe's").</summary>
    [GeneratedRegex(@"(?<=[\p{L},]\s)(?<name>\p{Lu}[\p{Ll}']+)", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
