using CoachService.Core.Reading;
using CoachService.Core.Rewriting;
using CoachService.Core.Safety;
using CoachService.Core.Text;

namespace CoachService.Core.Detection;

/// <summary>
/// Reads a message once and decides everything from that reading: each sentence's blame, category and concern,
/// the words that carry blame, the message's concern, and the safety check; and names the message's language.
/// </summary>
public sealed class BlameAnalyzer(BlameClassifier classifier, BlameSpanFinder spanFinder, SafetyCheck safety, ReadingCache cache, LanguageCheck languages)
{
    /// <param name="text">The message.</param>
    /// <param name="client">Who asks, so a cached reading only ever answers the client that sent it; null for a local caller.</param>
    /// <param name="cancellationToken">Cancels before the encoder runs.</param>
    public BlameAnalysis Analyze(string text, string? client = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        var reading = cache.GetOrRead(client, text, t => classifier.Reader.Read(t, cancellationToken));
        var verdicts = classifier.Classify(reading);
        var sentences = new List<SentenceAnalysis>(verdicts.Count);
        var matches = new List<BlameSpan>();
        for (int i = 0; i < verdicts.Count; i++)
        {
            var verdict = verdicts[i];
            sentences.Add(new SentenceAnalysis(reading.Sentences[i].Span, verdict.Score, verdict.IsBlame, verdict.Category, verdict.Concern));
            if (verdict.IsBlame)
            {
                matches.AddRange(spanFinder.Find(reading, i, verdict));
            }
        }

        var categories = sentences.Where(s => s.IsBlame).Select(s => s.Category)
            .Concat(matches.Select(m => m.Category))
            .Distinct()
            .OrderBy(c => c, StringComparer.Ordinal)
            .ToList();
        var warnings = new List<string>();
        var language = languages.Detect(text);
        if (!language.IsEnglish)
        {
            warnings.Add(LanguageCheck.NotEnglishWarning);
        }

        // The safety check reads what a person would see: when the text hides words from a filter (zero-width
        // characters, look-alike letters, "k1ll", "k i l l"), the text with those undone is read for it.
        string plain = SafetyText.Normalise(text);
        var safetyReading = ReferenceEquals(plain, text) ? reading : cache.GetOrRead(client, plain, t => classifier.Reader.Read(t, cancellationToken));

        // The message's concern: that of its most clearly blaming sentence which names one.
        string concern = sentences.Where(s => s.IsBlame && s.Concern != Concern.General).MaxBy(s => s.Score)?.Concern ?? Concern.General;

        bool isBlame = sentences.Any(s => s.IsBlame);
        return new BlameAnalysis(
            text,
            IsBlame: isBlame,
            Score: sentences.Count == 0 ? 0f : sentences.Max(s => s.Score),
            categories,
            matches,
            sentences,
            safety.Check(safetyReading),
            warnings,
            concern,
            language,
            reading)
        {
            IsUnsure = !isBlame && sentences.Any(s => s.Score >= classifier.UnsureThreshold),
            ModelVersion = classifier.Version,
        };
    }
}
