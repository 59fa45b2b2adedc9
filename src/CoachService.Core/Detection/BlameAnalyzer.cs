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
    /// <param name="options">The caller's threshold, categories and rules turned off; null for the service's own.</param>
    /// <param name="cancellationToken">Cancels before the encoder runs.</param>
    public BlameAnalysis Analyze(string text, string? client = null, AnalysisOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        var reading = cache.GetOrRead(client, text, t => classifier.Reader.Read(t, cancellationToken));
        return Analyze(reading, client, options ?? AnalysisOptions.Default, cancellationToken);
    }

    /// <summary>Several messages, read with one encoder call for those not cached (a batch request); each analysed as <see cref="Analyze(string, string?, AnalysisOptions?, CancellationToken)"/> would.</summary>
    public IReadOnlyList<BlameAnalysis> AnalyzeMany(IReadOnlyList<string> texts, string? client = null, AnalysisOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var readings = cache.GetOrReadMany(client, texts, t => classifier.Reader.ReadMany(t, cancellationToken));
        return [.. readings.Select(r => Analyze(r, client, options ?? AnalysisOptions.Default, cancellationToken))];
    }

    private BlameAnalysis Analyze(MessageReading reading, string? client, AnalysisOptions options, CancellationToken cancellationToken)
    {
        string text = reading.Text;
        var verdicts = classifier.Classify(reading, options.Threshold);
        var sentences = new List<SentenceAnalysis>(verdicts.Count);
        var matches = new List<BlameSpan>();
        for (int i = 0; i < verdicts.Count; i++)
        {
            var verdict = verdicts[i];
            var found = verdict.IsBlame ? spanFinder.Find(reading, i, verdict) : [];
            var kept = found.Where(m => options.DisabledRules?.Contains(m.RuleId) != true && options.Categories?.Contains(m.Category) != false).ToList();

            // A sentence of a category the caller left out, or whose every highlight they turned off, is not reported.
            bool reported = verdict.IsBlame
                && options.Categories?.Contains(verdict.Category) != false
                && (found.Count == 0 || kept.Count > 0 || options.DisabledRules is null);
            sentences.Add(reported
                ? new SentenceAnalysis(reading.Sentences[i].Span, verdict.Score, true, verdict.Category, verdict.Concern)
                : new SentenceAnalysis(reading.Sentences[i].Span, verdict.Score, false, BlameCategory.None, Concern.General));
            if (reported)
            {
                matches.AddRange(kept);
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
        // characters, look-alike letters, "k1ll", "k i l l"), the text with those undone is read for it. It reads
        // every message, one the language check calls another language included: that check is sometimes wrong
        // about English (ignoring the model there took a harmful message of round 8 from concern to none).
        string plain = SafetyText.Normalise(text);
        var safetyResult = safety.Check(ReferenceEquals(plain, text) ? reading : cache.GetOrRead(client, plain, t => classifier.Reader.Read(t, cancellationToken)));

        // The message's concern: that of its most clearly blaming sentence which names one.
        string concern = sentences.Where(s => s.IsBlame && s.Concern != Concern.General).MaxBy(s => s.Score)?.Concern ?? Concern.General;

        bool isBlame = sentences.Any(s => s.IsBlame);
        CoachMetrics.Analysed(safetyResult.Level);
        return new BlameAnalysis(
            text,
            IsBlame: isBlame,
            Score: sentences.Count == 0 ? 0f : sentences.Max(s => s.Score),
            categories,
            matches,
            sentences,
            safetyResult,
            warnings,
            concern,
            language,
            reading)
        {
            // Close to the threshold in use, but under it: a sentence the caller's categories or rules left out is not "unsure".
            IsUnsure = !isBlame && sentences.Any(s => s.Score >= classifier.UnsureThreshold && s.Score < (options.Threshold ?? classifier.Threshold)),
            ModelVersion = classifier.Version,
            WithCallerOptions = !ReferenceEquals(options, AnalysisOptions.Default),
        };
    }
}
