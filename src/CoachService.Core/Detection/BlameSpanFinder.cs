using CoachService.Core.Text;

namespace CoachService.Core.Detection;

/// <summary>The words in a sentence that carry blame, why they hurt, and how sure the classifier is.</summary>
public sealed record BlameSpan(TextSpan Span, string Category, string RuleId, string Message, float Score);

/// <summary>
/// Finds the words that carry the blame in a sentence the classifier flagged. Known phrasings come from the
/// rules in <c>blame-rules.jsonl</c>; where none match, the words whose removal lowers the classifier's score
/// the most are reported, explained by the category's pattern-less rule.
/// </summary>
public sealed class BlameSpanFinder(BlameClassifier classifier, IReadOnlyList<BlameRule> rules)
{
    private const int MaxLearnedSpanWords = 4;

    // Leave-one-word-out costs one (n-gram) classifier call per word; past this length (a run-on paste, or a hostile
    // input) the sentence is still flagged, but no learned span is searched for.
    private const int MaxWordsToWeigh = 40;
    private readonly BlameRule[] _patternRules = rules.Where(r => r.Pattern is not null).ToArray();
    private readonly Dictionary<string, BlameRule> _fallbacks = rules.Where(r => r.Pattern is null).ToDictionary(r => r.Category);

    /// <param name="text">The whole message; offsets in the result are into it.</param>
    /// <param name="sentence">Where the flagged sentence lies in <paramref name="text"/>.</param>
    /// <param name="verdict">The classifier's verdict on that sentence.</param>
    public IReadOnlyList<BlameSpan> Find(string text, TextSpan sentence, SentenceVerdict verdict)
    {
        ArgumentNullException.ThrowIfNull(text);
        string sentenceText = sentence.Slice(text);
        var found = new List<BlameSpan>();
        foreach (var rule in _patternRules)
        {
            foreach (var match in rule.Pattern!.EnumerateMatches(sentenceText))
            {
                var span = new TextSpan(sentence.Offset + match.Index, match.Length);
                if (!found.Any(f => f.Span.Overlaps(span)))
                {
                    found.Add(new BlameSpan(span, rule.Category, rule.Id, rule.Message, verdict.Score));
                }
            }
        }

        if (found.Count == 0 && FindLearnedSpan(sentenceText) is { } learned)
        {
            var fallback = _fallbacks[verdict.Category];
            found.Add(new BlameSpan(
                new TextSpan(sentence.Offset + learned.Offset, learned.Length), fallback.Category, fallback.Id, fallback.Message, verdict.Score));
        }

        found.Sort((a, b) => a.Span.Offset.CompareTo(b.Span.Offset));
        return found;
    }

    /// <summary>
    /// Leave-one-word-out: the word whose removal drops the blame score most, grown over neighbouring words
    /// that also matter, up to a few words.
    /// </summary>
    private TextSpan? FindLearnedSpan(string sentence)
    {
        var words = Words(sentence);
        if (words.Count is 0 or > MaxWordsToWeigh)
        {
            return null;
        }

        // Scored alone, like the variants below, so the drops compare like with like.
        float score = classifier.WordWeight(sentence);
        var drops = words.Select(w => score - classifier.WordWeight(sentence.Remove(w.Offset, w.Length))).ToArray();
        int best = Array.IndexOf(drops, drops.Max());
        if (drops[best] <= 0)
        {
            return words.Count == 1 ? words[0] : null;
        }

        int first = best;
        int last = best;
        float keep = drops[best] * 0.35f;
        while (last - first + 1 < MaxLearnedSpanWords)
        {
            bool left = first > 0 && drops[first - 1] >= keep;
            bool right = last < words.Count - 1 && drops[last + 1] >= keep;
            if (left && (!right || drops[first - 1] >= drops[last + 1]))
            {
                first--;
            }
            else if (right)
            {
                last++;
            }
            else
            {
                break;
            }
        }

        return new TextSpan(words[first].Offset, words[last].End - words[first].Offset);
    }

    /// <summary>Runs of letters, digits, apostrophes and emoji; punctuation is left out of a word's span.</summary>
    internal static List<TextSpan> Words(string sentence)
    {
        var words = new List<TextSpan>();
        int i = 0;
        while (i < sentence.Length)
        {
            while (i < sentence.Length && !IsWordChar(sentence, i))
            {
                i++;
            }

            int start = i;
            while (i < sentence.Length && IsWordChar(sentence, i))
            {
                i += char.IsHighSurrogate(sentence[i]) && i + 1 < sentence.Length ? 2 : 1;
            }

            if (i > start)
            {
                words.Add(new TextSpan(start, i - start));
            }
        }

        return words;
    }

    private static bool IsWordChar(string s, int i) =>
        char.IsLetterOrDigit(s[i]) || s[i] is '\'' or '’' or '-' || char.IsSurrogate(s[i]);
}
