using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CoachService.Core.Text;

namespace CoachService.Core.Rewriting;

/// <summary>
/// Turns texting shorthand into plain written English before a sentence is reused in a rewrite:
/// "u" → "you", "dont" → "don't", SHOUTING → lower case, emoji and decorative symbols dropped.
/// </summary>
internal static partial class TextingNormalizer
{
    private static readonly Dictionary<string, string> Words = new(Lexicon.Shipped.Pairs("texting.spellings"), StringComparer.OrdinalIgnoreCase);

    // "ur" is "you're" before these words and -ing forms, "your" elsewhere.
    private static readonly HashSet<string> YoureBefore = new(Lexicon.Shipped.Words("texting.ur-means-youre-before"), StringComparer.OrdinalIgnoreCase);

    // "cuz" is "cousin" after a possessive ("your cuz"), "because" elsewhere.
    private static readonly HashSet<string> CousinAfter = new(Lexicon.Shipped.Words("texting.cuz-means-cousin-after"), StringComparer.OrdinalIgnoreCase);

    private static readonly HashSet<string> KeepUpper = new(Lexicon.Shipped.Words("texting.keep-upper"), StringComparer.Ordinal);

    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string clean = DropSymbols(text);
        var tokens = WordPattern().Split(clean);
        var result = new StringBuilder(clean.Length + 16);
        for (int i = 0; i < tokens.Length; i++)
        {
            string token = tokens[i];
            if (token.Length == 0 || !char.IsLetterOrDigit(token[0]))
            {
                result.Append(token);
                continue;
            }

            // Part of a hyphenated name ("U-Haul", "T-Mobile"): not shorthand (panel 17: "When they-Haul has nothing …").
            if ((i + 1 < tokens.Length && tokens[i + 1].StartsWith('-')) || (i > 0 && tokens[i - 1].EndsWith('-')))
            {
                result.Append(Shouting(token) ? token.ToLowerInvariant() : token);
                continue;
            }

            if (token.Equals("ur", StringComparison.OrdinalIgnoreCase))
            {
                string next = NextWord(tokens, i);
                result.Append(YoureBefore.Contains(next) || next.EndsWith("ing", StringComparison.OrdinalIgnoreCase) ? "you're" : "your");
                continue;
            }

            if (token.Equals("cuz", StringComparison.OrdinalIgnoreCase) && CousinAfter.Contains(PreviousWord(tokens, i)))
            {
                result.Append("cousin");
                continue;
            }

            if (Words.TryGetValue(token, out var replacement))
            {
                result.Append(replacement);
                continue;
            }

            result.Append(Shouting(token) ? token.ToLowerInvariant() : token);
        }

        return Spaces().Replace(result.ToString(), " ").Trim();
    }

    /// <summary>
    /// Whether a word in capitals is shouting rather than a name or an abbreviation. Abbreviations are recognised
    /// positively and kept as written: the listed ones (<c>texting.keep-upper</c>), any without a vowel ("KPLC",
    /// "NHS"), and, unless the whole text is in capitals, any of three letters or fewer that is not an everyday word
    /// (<c>texting.short-words</c>: "HOA", "GP", but not "YOU", "ME"). Everything else in capitals is shouting,
    /// contractions included ("DON'T", "I'M"). Lower-cased, an abbreviation read as a typo to blind raters (panel 10).
    /// </summary>
    /// <param name="token">A word.</param>
    /// <param name="allShouted">The whole text is in capitals, so a short word in capitals says nothing by itself.</param>
    internal static bool Shouting(string token, bool allShouted = false)
    {
        if (token.Length <= 1 || !token.Any(char.IsLetter) || !token.Where(char.IsLetter).All(char.IsUpper) || KeepUpper.Contains(token))
        {
            return false;
        }

        if (token.Contains('\'', StringComparison.Ordinal) || token.Contains('\u2019', StringComparison.Ordinal))
        {
            return true;
        }

        bool noVowel = !token.Any(c => "AEIOUY".Contains(c, StringComparison.Ordinal));
        bool shortAbbreviation = !allShouted && token.Count(char.IsLetter) <= 3 && !ShortWords.Contains(token);
        return !noVowel && !shortAbbreviation;
    }

    /// <summary>The text with each shouted word (<see cref="Shouting"/>) in lower case, abbreviations kept.</summary>
    internal static string QuietWords(string text, bool allShouted = false) =>
        WordPattern().Replace(text, m => Shouting(m.Value, allShouted) ? m.Value.ToLowerInvariant() : m.Value);

    private static readonly HashSet<string> ShortWords = new(Lexicon.Shipped.Words("texting.short-words"), StringComparer.Ordinal);

    private static string PreviousWord(string[] tokens, int index)
    {
        for (int j = index - 1; j >= 0; j--)
        {
            if (tokens[j].Length > 0 && char.IsLetterOrDigit(tokens[j][0]))
            {
                return tokens[j];
            }
        }

        return "";
    }

    private static string NextWord(string[] tokens, int index)
    {
        for (int j = index + 1; j < tokens.Length; j++)
        {
            if (tokens[j].Length > 0 && char.IsLetterOrDigit(tokens[j][0]))
            {
                return tokens[j];
            }
        }

        return "";
    }

    /// <summary>Emoji, pictographs, variation selectors and joiners carry tone, not facts.</summary>
    private static string DropSymbols(string text)
    {
        var kept = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsSurrogate(c) || c is '\u200D' or '\uFE0F' or '\uFE0E' or '*' or '~' or '_')
            {
                continue;
            }

            var category = char.GetUnicodeCategory(c);
            if (category is UnicodeCategory.OtherSymbol or UnicodeCategory.ModifierSymbol or UnicodeCategory.NonSpacingMark or UnicodeCategory.Control or UnicodeCategory.Format)
            {
                continue;
            }

            kept.Append(c is '‘' or '’' ? '\'' : c is '“' or '”' ? '"' : c);
        }

        return kept.ToString();
    }

    [GeneratedRegex(@"([\p{L}\p{N}']+)")]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
