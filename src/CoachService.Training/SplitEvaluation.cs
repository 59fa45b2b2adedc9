using CoachService.Core.Data;
using CoachService.Core.Detection;
using CoachService.Core.Text;

namespace CoachService.Training;

/// <summary>One test split measured through the service's own reading: each message split, read and decided as a request would be.</summary>
internal sealed record SplitReport(
    string Name,
    int Messages,
    int KindMessages,
    BinaryCounts MessageCounts,
    IReadOnlyList<(string Hard, int Count, int Flagged)> KindHard,
    IReadOnlyList<(string Hard, int Count, int Found)> BlameHard,
    IReadOnlyList<(string Category, int Sentences, int Found, int RightCategory)> Categories,
    double HighlightF1,
    double HighlightMicroF1)
{
    public double FalsePositiveRate => BinaryCounts.Ratio(MessageCounts.FalsePositives, MessageCounts.FalsePositives + MessageCounts.TrueNegatives);
}

internal static class SplitEvaluation
{
    public static readonly string[] KindHard = ["praise_absolute", "feel_like_self", "quoting", "venting", "caring", "i_statement", "apology", "curious_why"];
    public static readonly string[] BlameHard = ["consequence", "dry_sarcasm", "capitals"];

    public static SplitReport Run(string name, IReadOnlyList<LabelledMessage> messages, BlameClassifier classifier)
    {
        var pairs = new List<(bool Actual, bool Predicted)>();
        var kindHard = KindHard.ToDictionary(h => h, _ => (Count: 0, Flagged: 0));
        var blameHard = BlameHard.ToDictionary(h => h, _ => (Count: 0, Found: 0));
        var categories = BlameCategory.All.ToDictionary(c => c, _ => (Sentences: 0, Found: 0, Right: 0));
        double highlightSum = 0;
        int highlightMessages = 0;
        int both = 0, predictedChars = 0, goldChars = 0;

        foreach (var message in messages)
        {
            string text = message.Text;
            var reading = classifier.Reader.Read(text);
            var verdicts = classifier.Classify(reading);
            bool predicted = verdicts.Any(v => v.IsBlame);
            pairs.Add((message.HasBlame, predicted));

            if (message.Hard is { } hard && kindHard.TryGetValue(hard, out var k))
            {
                kindHard[hard] = (k.Count + 1, k.Flagged + (predicted ? 1 : 0));
            }

            if (message.Hard is { } blameKind && blameHard.TryGetValue(blameKind, out var b))
            {
                blameHard[blameKind] = (b.Count + 1, b.Found + (predicted ? 1 : 0));
            }

            // A labelled blame sentence is found when a sentence the service flags overlaps it.
            var spans = message.SentenceSpans();
            for (int s = 0; s < message.Sentences.Count; s++)
            {
                var sentence = message.Sentences[s];
                if (!sentence.Blame || sentence.Category is null || !categories.ContainsKey(sentence.Category))
                {
                    continue;
                }

                var overlapping = Enumerable.Range(0, verdicts.Count)
                    .Where(i => verdicts[i].IsBlame && reading.Sentences[i].Span.Overlaps(spans[s]))
                    .ToList();
                var c = categories[sentence.Category];
                bool right = overlapping.Any(i => verdicts[i].Category == sentence.Category);
                categories[sentence.Category] = (c.Sentences + 1, c.Found + (overlapping.Count > 0 ? 1 : 0), c.Right + (right ? 1 : 0));
            }

            if (message.HasBlame)
            {
                var gold = SpanMetrics.Letters(text, message.CueChars());
                var marked = new HashSet<int>();
                for (int i = 0; i < verdicts.Count; i++)
                {
                    if (!verdicts[i].IsBlame)
                    {
                        continue;
                    }

                    foreach (var cue in classifier.Cues(reading, i))
                    {
                        for (int ch = cue.Offset; ch < cue.End; ch++)
                        {
                            marked.Add(ch);
                        }
                    }
                }

                var predictedLetters = SpanMetrics.Letters(text, marked);
                highlightSum += SpanMetrics.F1(predictedLetters, gold);
                highlightMessages++;
                both += predictedLetters.Count(gold.Contains);
                predictedChars += predictedLetters.Count;
                goldChars += gold.Count;
            }
        }

        double microP = BinaryCounts.Ratio(both, predictedChars);
        double microR = BinaryCounts.Ratio(both, goldChars);
        return new SplitReport(
            name,
            messages.Count,
            messages.Count(m => !m.HasBlame),
            BinaryCounts.From(pairs),
            [.. kindHard.Select(p => (p.Key, p.Value.Count, p.Value.Flagged))],
            [.. blameHard.Select(p => (p.Key, p.Value.Count, p.Value.Found))],
            [.. categories.Select(p => (p.Key, p.Value.Sentences, p.Value.Found, p.Value.Right))],
            highlightMessages == 0 ? 0 : highlightSum / highlightMessages,
            microP + microR == 0 ? 0 : 2 * microP * microR / (microP + microR));
    }
}
