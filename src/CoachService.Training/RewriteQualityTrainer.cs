using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CoachService.Core.Models;
using CoachService.Core.Rewriting;
using Microsoft.ML;

namespace CoachService.Training;

/// <summary>
/// Trains the rewrite check (<see cref="SituationModel.QualityScore"/>) on the rewrites blind raters have rated: every
/// (original, rewrite) pair of the rewrite panels up to <c>--last-panel</c>, from every version measured on them
/// (<c>models/eval/panel-N/**/rewrites.jsonl</c> beside its <c>ratings-*.jsonl</c>). A pair is good when its ratings say
/// yes on all four questions (would send, concern kept, blame-free, fluent). A rewrite the check scores below its
/// threshold is not offered: the sender gets the note that helps them write it instead. The threshold is the highest at
/// which, cross-validated (folds by original message), at least <c>--keep-good</c> of the good rewrites are still offered.
/// </summary>
internal sealed partial class RewriteQualityTrainer(MLContext ml, CoachService.Core.Embeddings.SentenceEmbedder embedder, TextWriter log)
{
    private static readonly TrainerSettings[] Trials =
    [
        new(FeatureSet.Pair, 3, 1f),
        new(FeatureSet.NGramsEmbeddingAndContext, 3, 1f),
        new(FeatureSet.PairNGramsEmbeddingAndContext, 3, 1f),
    ];

    private sealed record Pair(string Id, string Original, string? Rewrite);

    private sealed record Rating(string Id, Dictionary<string, int> Scores);

    private static readonly string[] Questions = ["would_send", "concern_kept", "blame_free", "fluent"];

    private sealed record Rated(string Original, string Rewrite, int Panel, List<bool> AllFour);

    /// <param name="evalDirectory"><c>models/eval</c>.</param>
    /// <param name="modelsDirectory">Where the check and its description are written.</param>
    /// <param name="lastPanel">The last panel read for training; later panels stay blind.</param>
    /// <param name="keepGood">The share of good rewrites the threshold must keep offering, cross-validated.</param>
    public string Train(string evalDirectory, string modelsDirectory, int lastPanel, double keepGood)
    {
        var rated = new Dictionary<(string, string), Rated>();
        var files = new List<string>();
        foreach (string panel in Directory.GetDirectories(evalDirectory, "panel-*").Order(StringComparer.Ordinal))
        {
            // Only the numbered panels up to the last one read: a later panel is still blind.
            var number = PanelNumber().Match(Path.GetFileName(panel));
            int n = number.Success ? int.Parse(number.Groups[1].Value, CultureInfo.InvariantCulture) : int.MaxValue;
            if (n > lastPanel)
            {
                continue;
            }

            foreach (string version in Directory.GetFiles(panel, "rewrites.jsonl", SearchOption.AllDirectories).Select(f => Path.GetDirectoryName(f)!).Order(StringComparer.Ordinal))
            {
                var ratingFiles = Directory.GetFiles(version, "ratings-*.jsonl").Order(StringComparer.Ordinal).ToList();
                if (ratingFiles.Count == 0)
                {
                    continue;
                }

                string rewritesFile = Path.Combine(version, "rewrites.jsonl");
                files.Add(rewritesFile);
                files.AddRange(ratingFiles);
                var pairs = Core.Data.JsonLines.Read<Pair>(rewritesFile).ToDictionary(p => p.Id, StringComparer.Ordinal);
                foreach (var rating in ratingFiles.SelectMany(f => Core.Data.JsonLines.Read<Rating>(f)))
                {
                    if (!pairs.TryGetValue(rating.Id, out var pair) || pair.Rewrite is null || !Questions.All(rating.Scores.ContainsKey) || !RewritePair.Checked(pair.Original))
                    {
                        continue;
                    }

                    var key = (pair.Original, pair.Rewrite);
                    if (!rated.TryGetValue(key, out var entry))
                    {
                        entry = new Rated(pair.Original, pair.Rewrite, n, []);
                        rated[key] = entry;
                    }

                    entry.AllFour.Add(Questions.All(q => rating.Scores[q] == 1));
                }
            }
        }

        // A pair rated more than once (two versions that wrote the same rewrite, both rated) is good when most ratings say so.
        var list = rated.Values.ToList();
        var rows = list.Select(r => new TrainingRow
        {
            Text = r.Rewrite,
            Label = r.AllFour.Count(x => x) * 2 >= r.AllFour.Count,
            Pair = RewritePair.Features(r.Original, r.Rewrite),
            MessageId = r.Original,
            Fold = Folds.Stable(r.Original),
        }).ToList();
        log.WriteLine($"{rows.Count} rated rewrites of {list.Select(r => r.Original).Distinct(StringComparer.Ordinal).Count()} messages, {rows.Count(r => r.Label)} good on all four");
        // The rewrite's own vector and the original message's, each read by the service's encoder.
        TrainingRowVectors.Read(embedder, rows, list.Select(r => r.Original).ToList());

        var pipelines = new Pipelines(ml);
        bool[] recent = list.Select(r => r.Panel >= lastPanel - 5).ToArray();
        // The threshold is chosen on the recent pairs: the check will read today's rewriter's rewrites, which are better
        // than the early panels' (a threshold that keeps 85% of all good rewrites would keep nearly all of today's).
        var results = Trials.Select(settings =>
        {
            var scores = CrossValidation.Probabilities(ml, rows, Folds.Count, pipelines.Blame(settings));
            float threshold = ThresholdKeeping(rows, scores, keepGood, i => recent[i]);
            log.WriteLine($"{settings}: AUC {Auc(rows, scores, _ => true):F3}, recent {Auc(rows, scores, i => recent[i]):F3}, threshold {threshold:F2}");
            return (Settings: settings, Threshold: threshold, Scores: scores);
        }).ToList();
        var kept = results.MaxBy(r => Auc(rows, r.Scores, i => recent[i]));

        var model = pipelines.Blame(kept.Settings).Fit(ml.Data.LoadFromEnumerable(rows));
        ml.Model.Save(model, ml.Data.LoadFromEnumerable(Array.Empty<SentenceRow>()).Schema, Path.Combine(modelsDirectory, SituationModel.QualityModelFileName));
        string dataHash = ModelFile.ShortHash([.. files]);
        new SituationModelInfo(kept.Threshold, kept.Settings.FeatureSet, dataHash).Save(Path.Combine(modelsDirectory, SituationModel.QualityFileName));

        static string F(double v) => v.ToString("0.000", CultureInfo.InvariantCulture);
        var s = new StringBuilder();
        s.AppendLine("# Model card: the rewrite check");
        s.AppendLine();
        s.AppendLine($"Written by `dotnet run -c Release --project src/CoachService.Training -- rewrite-quality --last-panel {lastPanel} --keep-good {keepGood.ToString(CultureInfo.InvariantCulture)}`; do not edit by hand.");
        s.AppendLine();
        s.AppendLine("- **What it does.** Every rewrite the template rewriter writes has passed the blame re-check and the clause check. This check reads the whole (original, rewrite) pair and gives the probability that a blind reader would rate the rewrite yes on all four questions: would send it, concern kept, blame-free, fluent. Below the threshold the rewrite is not offered, and the sender gets the note that helps them write it instead (precision for rewrites: a rewrite the sender would not send costs more than a note).");
        s.AppendLine($"- **Data.** {rows.Count} distinct (original, rewrite) pairs rated by blind raters on the rewrite panels 2 to {lastPanel} (`models/eval/panel-N/`, every version measured there: `rewrites.jsonl` beside its `ratings-*.jsonl`), of {list.Select(r => r.Original).Distinct(StringComparer.Ordinal).Count()} messages of {RewritePair.MinSentences} sentences or more (the check reads only those: `RewritePair.MinSentences`); {rows.Count(r => r.Label)} ({F(rows.Count(r => r.Label) / (double)rows.Count)}) good on all four. All of these panels were rated and have been read; later panels are blind and never used here. A pair rated more than once is good when at least half its ratings say so.");
        s.AppendLine($"- **Kept:** ML.NET L-BFGS logistic regression on {kept.Settings} (the best cross-validated AUC on the recent pairs); a rewrite is offered at probability ≥ **{F(kept.Threshold)}**, the highest threshold at which at least {keepGood:P0} of the recent good rewrites are still offered in cross-validation (`--keep-good`). Recent pairs, because the check reads today's rewriter's rewrites, which are better than the early panels': a threshold that keeps {keepGood:P0} of all good rewrites keeps nearly all of today's.");
        s.AppendLine($"- Data hash `{dataHash}`.");
        s.AppendLine();
        s.AppendLine($"Cross-validated, {Folds.Count} folds by original message. \"Recent\" is the pairs of panels {lastPanel - 5} to {lastPanel} ({recent.Count(x => x)} pairs), written by rewriters close to today's.");
        s.AppendLine();
        s.AppendLine("| Features | AUC | Threshold | Offered | Good among offered (before) | Good kept | Recent: AUC | Recent: offered | Recent: good among offered (before) | Recent: good kept |");
        s.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var r in results)
        {
            string mark = ReferenceEquals(r.Settings, kept.Settings) ? " **(kept)**" : "";
            var all = Slice(rows, r.Scores, r.Threshold, _ => true);
            var near = Slice(rows, r.Scores, r.Threshold, i => recent[i]);
            s.AppendLine($"| {r.Settings}{mark} | {F(Auc(rows, r.Scores, _ => true))} | {F(r.Threshold)} | {F(all.Offered)} | {F(all.Precision)} ({F(all.Base)}) | {F(all.GoodKept)} | {F(Auc(rows, r.Scores, i => recent[i]))} | {F(near.Offered)} | {F(near.Precision)} ({F(near.Base)}) | {F(near.GoodKept)} |");
        }

        s.AppendLine();
        s.AppendLine("These figures are optimistic: the features and the threshold were chosen on the same out-of-fold scores. The rewrites themselves are measured by blind panels (`models/eval/panel-*/REWRITE_PANEL.md`, each with the rule that decided its change in `KEEP_RULE*.md`).");
        return s.ToString();
    }

    /// <summary>The highest threshold at which at least <paramref name="keepGood"/> of the good rows in the slice score at or above it.</summary>
    private static float ThresholdKeeping(List<TrainingRow> rows, double[] scores, double keepGood, Func<int, bool> slice)
    {
        var good = rows.Select((r, i) => (r, i)).Where(x => x.r.Label && slice(x.i)).Select(x => scores[x.i]).ToList();
        return Thresholds.Sweep(0.01f, 0.96f, 0.01f).Where(t => good.Count(p => p >= t) >= keepGood * good.Count).DefaultIfEmpty(0.01f).Max();
    }

    private static (double Offered, double Precision, double Base, double GoodKept) Slice(List<TrainingRow> rows, double[] scores, float threshold, Func<int, bool> slice)
    {
        var x = rows.Select((r, i) => (r.Label, Score: scores[i], In: slice(i))).Where(v => v.In).ToList();
        var offered = x.Where(v => v.Score >= threshold).ToList();
        int good = x.Count(v => v.Label);
        return (offered.Count / (double)Math.Max(1, x.Count), offered.Count(v => v.Label) / (double)Math.Max(1, offered.Count),
            good / (double)Math.Max(1, x.Count), offered.Count(v => v.Label) / (double)Math.Max(1, good));
    }

    /// <summary>The area under the ROC curve of the slice's scores (ties count half).</summary>
    private static double Auc(List<TrainingRow> rows, double[] scores, Func<int, bool> slice)
    {
        var x = rows.Select((r, i) => (r.Label, Score: scores[i], In: slice(i))).Where(v => v.In).ToList();
        var positives = x.Where(v => v.Label).Select(v => v.Score).ToList();
        var negatives = x.Where(v => !v.Label).Select(v => v.Score).Order().ToArray();
        if (positives.Count == 0 || negatives.Length == 0)
        {
            return double.NaN;
        }

        double sum = 0;
        foreach (double p in positives)
        {
            int below = LowerBound(negatives, p);
            int upTo = UpperBound(negatives, p);
            sum += below + (upTo - below) / 2.0;
        }

        return sum / ((double)positives.Count * negatives.Length);
    }

    private static int LowerBound(double[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) / 2;
            if (sorted[mid] < value) { lo = mid + 1; } else { hi = mid; }
        }

        return lo;
    }

    private static int UpperBound(double[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) / 2;
            if (sorted[mid] <= value) { lo = mid + 1; } else { hi = mid; }
        }

        return lo;
    }

    [GeneratedRegex(@"^panel-(\d+)$", RegexOptions.CultureInvariant)]
    private static partial Regex PanelNumber();
}
