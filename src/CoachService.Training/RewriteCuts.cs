using System.Globalization;
using CoachService.Core.Detection;
using CoachService.Core.Models;

namespace CoachService.Training;

/// <summary>
/// The rewriter's two lines on a sentence's blame score (<see cref="BlameModelInfo.KeepAsWrittenBelow"/> and
/// <see cref="BlameModelInfo.ClearlyKindBelow"/>), chosen per reader. The rewriter's rules were tuned, panel by panel,
/// on the reader of retrains 21 and 22 with fixed lines at 0.42 and 0.15; a later reader scores the sentences around a
/// complaint lower (retrain 24: on panel 58's drafts 479 sentences fell under 0.42 against 315), so fixed lines
/// kept jabs as written. Each line is put where the new reader leaves the same share of sentences under it as that
/// reader left under its line, on the sentences of the blaming drafts of rewrite panels 52 to 58 (all rated and read
/// during development).
/// </summary>
internal static class RewriteCuts
{
    /// <summary>The panels whose drafts the lines are chosen on.</summary>
    public const int FirstPanel = 52;
    public const int LastPanel = 58;

    /// <summary>The shares of those sentences under 0.42 and under 0.15 with the reader the rules were tuned on (encoder ef92038e07ee; `rewrite-cuts --measure 0.42,0.15` at e9631e5).</summary>
    public const double KeepShare = 0.1799;
    public const double ClearlyKindShare = 0.0520;

    /// <summary>The blame score of every sentence of the drafts the classifier reads as blame, sorted.</summary>
    public static float[] SentenceScores(string repo, BlameClassifier classifier)
    {
        var scores = new List<float>();
        for (int panel = FirstPanel; panel <= LastPanel; panel++)
        {
            string folder = Path.Combine(repo, "models", "eval", $"panel-{panel}");
            foreach (var message in PanelDraft.ReadFolder(folder))
            {
                var verdicts = classifier.Classify(classifier.Reader.Read(message.Text));
                if (verdicts.Any(v => v.IsBlame))
                {
                    scores.AddRange(verdicts.Select(v => v.Score));
                }
            }
        }

        return scores.Order().ToArray();
    }

    /// <summary>The share of <paramref name="sorted"/> under <paramref name="line"/>.</summary>
    public static double ShareBelow(float[] sorted, float line) =>
        sorted.Length == 0 ? 0 : sorted.Count(s => s < line) / (double)sorted.Length;

    /// <summary>The line half-way between the last score that has to be under it, for <paramref name="share"/> of the scores, and the next.</summary>
    public static float LineAt(float[] sorted, double share)
    {
        if (sorted.Length == 0)
        {
            throw new InvalidOperationException("No blaming draft on the panels to choose the rewriter's lines on.");
        }

        int under = (int)Math.Round(share * sorted.Length, MidpointRounding.AwayFromZero);
        return under <= 0 ? sorted[0] : under >= sorted.Length ? sorted[^1] : (sorted[under - 1] + sorted[under]) / 2;
    }

    /// <summary>Chooses the lines for the reader in <paramref name="models"/> and writes them into its <see cref="BlameModelInfo"/>.</summary>
    public static BlameModelInfo ChooseAndSave(string repo, string models, BlameClassifier classifier, TextWriter log)
    {
        var scores = SentenceScores(repo, classifier);
        float keep = Math.Min(LineAt(scores, KeepShare), classifier.Threshold);
        float clearlyKind = Math.Min(LineAt(scores, ClearlyKindShare), keep);
        var info = classifier.Info with { KeepAsWrittenBelow = keep, ClearlyKindBelow = clearlyKind };
        info.Save(Path.Combine(models, BlameModelInfo.FileName));
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"rewriter's lines on {scores.Length} sentences of panels {FirstPanel}-{LastPanel}'s blaming drafts: keep as written below {keep} ({ShareBelow(scores, keep):P2} under it), clearly kind below {clearlyKind} ({ShareBelow(scores, clearlyKind):P2})"));
        return info;
    }
}
