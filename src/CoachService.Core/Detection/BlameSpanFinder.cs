using CoachService.Core.Reading;
using CoachService.Core.Text;

namespace CoachService.Core.Detection;

/// <summary>The words in a sentence that carry blame, why they hurt, and how sure the classifier is.</summary>
public sealed record BlameSpan(TextSpan Span, string Category, string RuleId, string Message, float Score);

/// <summary>
/// Names the words the fine-tuned tagger highlights in a blaming sentence. A highlight that a rule in
/// <c>blame-rules.jsonl</c> covers keeps that rule's stable id and explanation ("absolute.never"); any other is
/// explained by its category's pattern-less rule ("contempt.learned"). Rules never highlight on their own, so a
/// kind sentence that says "always" is left alone.
/// </summary>
public sealed class BlameSpanFinder(BlameClassifier classifier, IReadOnlyList<BlameRule> rules)
{
    private readonly BlameRule[] _patternRules = rules.Where(r => !r.IsLearned).ToArray();
    private readonly Dictionary<string, BlameRule> _fallbacks = rules.Where(r => r.IsLearned).ToDictionary(r => r.Category);

    /// <param name="reading">The message's reading; offsets in the result are into its text.</param>
    /// <param name="sentence">The index of the flagged sentence in the reading.</param>
    /// <param name="verdict">The classifier's verdict on that sentence.</param>
    public IReadOnlyList<BlameSpan> Find(MessageReading reading, int sentence, SentenceVerdict verdict)
    {
        ArgumentNullException.ThrowIfNull(reading);
        var sentenceSpan = reading.Sentences[sentence].Span;
        string sentenceText = sentenceSpan.Slice(reading.Text);
        var ruleMatches = new List<(TextSpan Span, BlameRule Rule)>();
        foreach (var rule in _patternRules)
        {
            foreach (var match in rule.Pattern!.EnumerateMatches(sentenceText))
            {
                ruleMatches.Add((new TextSpan(sentenceSpan.Offset + match.Index, match.Length), rule));
            }
        }

        var found = new List<BlameSpan>();
        foreach (var cue in classifier.Cues(reading, sentence))
        {
            var rule = ruleMatches.Where(m => m.Span.Overlaps(cue)).Select(m => m.Rule).FirstOrDefault()
                ?? _fallbacks[verdict.Category];
            found.Add(new BlameSpan(cue, rule.Category, rule.Id, rule.Message, verdict.Score));
        }

        return found;
    }
}
