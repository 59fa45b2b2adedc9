using CoachService.Core.Safety;
using CoachService.Core.Text;

namespace CoachService.Core.Detection;

/// <summary>Splits a message into sentences, classifies each, finds the words that carry blame, and checks safety.</summary>
public sealed class BlameAnalyzer(BlameClassifier classifier, BlameSpanFinder spanFinder, SafetyCheck safety)
{
    public BlameAnalysis Analyze(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sentences = new List<SentenceAnalysis>();
        var matches = new List<BlameSpan>();
        var spans = SentenceSplitter.Split(text);
        var context = spans.Count > 1 ? classifier.ContextOf(text) : null;
        foreach (var span in spans)
        {
            var verdict = classifier.Classify(span.Slice(text), context);
            sentences.Add(new SentenceAnalysis(span, verdict.Score, verdict.IsBlame, verdict.Category));
            if (verdict.IsBlame)
            {
                matches.AddRange(spanFinder.Find(text, span, verdict));
            }
        }

        var categories = sentences.Where(s => s.IsBlame).Select(s => s.Category)
            .Concat(matches.Select(m => m.Category))
            .Distinct()
            .OrderBy(c => c, StringComparer.Ordinal)
            .ToList();
        var warnings = new List<string>();
        if (LanguageCheck.LooksNonEnglish(text))
        {
            warnings.Add(LanguageCheck.NotEnglishWarning);
        }

        return new BlameAnalysis(
            text,
            IsBlame: sentences.Any(s => s.IsBlame),
            Score: sentences.Count == 0 ? 0f : sentences.Max(s => s.Score),
            categories,
            matches,
            sentences,
            safety.Check(text),
            warnings);
    }
}
