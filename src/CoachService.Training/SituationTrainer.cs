using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CoachService.Core.Data;
using CoachService.Core.Models;
using CoachService.Core.Rewriting;
using Microsoft.ML;

namespace CoachService.Training;

/// <summary>
/// Trains the check of candidate "when" clauses (<see cref="SituationModel"/>) on the clauses people rated in
/// <c>models/data/situation</c>: a clause is good when the rater found "I feel upset when {clause}." fluent,
/// faithful to the message and free of blame. Chooses the features and the threshold by cross-validation (folds by
/// message), for precision: the threshold with the best F0.5.
/// </summary>
internal sealed class SituationTrainer(MLContext ml, CoachService.Core.Embeddings.SentenceEmbedder embedder, TextWriter log)
{
    private static readonly TrainerSettings[] Trials =
    [
        new(FeatureSet.NGrams, 3, 0.1f),
        new(FeatureSet.NGrams, 3, 1f),
        new(FeatureSet.NGrams, 4, 1f),
        new(FeatureSet.NGramsAndEmbedding, 3, 1f),
        new(FeatureSet.NGramsEmbeddingAndContext, 3, 1f),
    ];

    private sealed record Candidate(string Cid, string Id, string Message, string Clause);

    private sealed record Rating(string Cid, int Fluent, int Faithful, [property: System.Text.Json.Serialization.JsonPropertyName("blame_free")] int BlameFree);

    /// <param name="usedShare">
    /// When set, the kept features' threshold is the highest at which at least this share of the rated clauses is used
    /// (cross-validated), instead of the best F0.5: a new encoder then leaves the rewriter's coverage where it was.
    /// </param>
    public string Train(string dataDirectory, string modelsDirectory, double? usedShare = null)
    {
        string folder = Path.Combine(dataDirectory, "situation");
        var candidates = JsonLines.Read<Candidate>(Path.Combine(folder, "candidates.jsonl")).ToDictionary(c => c.Cid, StringComparer.Ordinal);
        var ratingFiles = Directory.GetFiles(folder, "ratings-*.jsonl").Order(StringComparer.Ordinal).ToList();
        var ratings = ratingFiles.SelectMany(file => JsonLines.Read<Rating>(file)).ToList();
        var unknown = ratings.FirstOrDefault(r => !candidates.ContainsKey(r.Cid));
        if (unknown is not null)
        {
            throw new InvalidDataException($"{folder}: a rating names clause {unknown.Cid}, which is not in candidates.jsonl.");
        }

        // One rating a clause: a clause rated twice would count twice as a candidate in the card's figures.
        var repeated = ratings.GroupBy(r => r.Cid, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
        {
            throw new InvalidDataException($"{folder}: clause {repeated.Key} is rated {repeated.Count()} times.");
        }

        var rows = ratings.Select(r =>
        {
            var c = candidates[r.Cid];
            string message = c.Id.Split('#')[0];
            return new TrainingRow
            {
                Text = SituationModel.InputOf(c.Clause),
                Label = r.Fluent == 1 && r.Faithful == 1 && r.BlameFree == 1,
                MessageId = message,
                Fold = Folds.Stable(message),
            };
        }).ToList();
        log.WriteLine($"{rows.Count} rated clauses, {rows.Count(r => r.Label)} good");
        // The clause as it would stand, and the whole message it came from, each read by the service's encoder.
        TrainingRowVectors.Read(embedder, rows, ratings.Select(r => candidates[r.Cid].Message).ToList());

        var pipelines = new Pipelines(ml);
        var results = Trials.Select(settings =>
        {
            var scores = CrossValidation.Probabilities(ml, rows, Folds.Count, pipelines.Blame(settings));
            var (threshold, counts) = Best(rows, scores);
            log.WriteLine($"{settings}: F0.5 {Thresholds.FBeta(counts, 0.5):F3} at {threshold:F2}");
            return (Settings: settings, Threshold: threshold, Counts: counts, Scores: scores);
        }).ToList();
        var kept = results.MaxBy(r => Thresholds.FBeta(r.Counts, 0.5));
        if (usedShare is double share)
        {
            var scores = kept.Scores;
            float threshold = Thresholds.Sweep(0.05f, 0.96f, 0.01f).Where(t => scores.Count(p => p >= t) >= share * rows.Count).DefaultIfEmpty(0.05f).Max();
            kept = (kept.Settings, threshold, BinaryCounts.From(rows.Select((r, i) => (r.Label, scores[i] >= threshold))), scores);
            log.WriteLine($"{kept.Settings}: at least {share:P1} of clauses used: threshold {threshold:F2}, F0.5 {Thresholds.FBeta(kept.Counts, 0.5):F3}");
            results = [.. results.Select(r => ReferenceEquals(r.Settings, kept.Settings) ? kept : r)];
        }

        var model = pipelines.Blame(kept.Settings).Fit(ml.Data.LoadFromEnumerable(rows));
        ml.Model.Save(model, ml.Data.LoadFromEnumerable(Array.Empty<SentenceRow>()).Schema, Path.Combine(modelsDirectory, SituationModelInfo.ModelFileName));
        string dataHash = Hash(folder);
        new SituationModelInfo(kept.Threshold, kept.Settings.FeatureSet, dataHash).Save(Path.Combine(modelsDirectory, SituationModelInfo.FileName));

        static string F(double v) => v.ToString("0.000", CultureInfo.InvariantCulture);
        var s = new StringBuilder();
        s.AppendLine("# Model card: the \"when\" clause check");
        s.AppendLine();
        s.AppendLine("Written by `dotnet run -c Release --project src/CoachService.Training -- situation`; do not edit by hand.");
        s.AppendLine();
        s.AppendLine("- **What it does.** The rewriter takes the \"when …\" clause of \"I feel … when …\" from the sender's own sentence. This model reads each candidate clause as it would stand (\"I feel upset when {clause}.\") and says whether it is fluent, says what happened as the message does, and carries no blame. A clause below the threshold is not used; with no usable clause the sender gets a note that helps them write it instead of a rewrite.");
        s.AppendLine($"- **Data.** {rows.Count} candidate clauses from the rewriter's extractor, each rated 0/1 on fluent, faithful and blame-free by one of {ratingFiles.Count} raters (one rating a clause) who saw only the message and the clause (`models/data/situation/`, brief `BRIEF.txt`). {rows.Count(r => r.Label)} ({F(rows.Count(r => r.Label) / (double)rows.Count)}) were good on all three. The messages are the training split's blame sentences and the rewrite panels 1 to 8 (the first round), and every second message of panels 34 to 38 (the second round, 2026-12-07, `situation-candidates --panels 34-38 --every 2`: only clauses not rated before); all of them read or rated during development, never a test split.");
        s.AppendLine($"- **Kept:** ML.NET L-BFGS logistic regression on {kept.Settings}; a clause is used at probability ≥ **{F(kept.Threshold)}**, " + (usedShare is double used
            ? $"the highest threshold at which at least {used:P1} of the rated clauses are used in cross-validation (`--used-share {used.ToString(CultureInfo.InvariantCulture)}`: the share the previous encoder's check used, so that a new encoder does not change how often the rewriter finds a clause; the features are still chosen by F0.5)."
            : "the threshold with the best cross-validated F0.5 (precision counts twice: a garbled rewrite costs more than a note)."));
        s.AppendLine($"- Data hash `{dataHash}`.");
        s.AppendLine();
        s.AppendLine("| Features | Threshold | F0.5 | Precision (good among used) | Recall (good clauses used) | Used |");
        s.AppendLine("| --- | --- | --- | --- | --- | --- |");
        foreach (var r in results)
        {
            string mark = ReferenceEquals(r.Settings, kept.Settings) ? " **(kept)**" : "";
            s.AppendLine($"| {r.Settings}{mark} | {F(r.Threshold)} | {F(Thresholds.FBeta(r.Counts, 0.5))} | {F(r.Counts.Precision)} | {F(r.Counts.Recall)} | {F((r.Counts.TruePositives + r.Counts.FalsePositives) / (double)rows.Count)} |");
        }

        s.AppendLine();
        s.AppendLine($"Without the check every candidate is used: precision {F(rows.Count(r => r.Label) / (double)rows.Count)}. Cross-validated, {Folds.Count} folds by message. These figures are optimistic: the features and the threshold were chosen on the same out-of-fold scores, and each clause had one rater. The rewrites themselves are measured by blind panels (`models/eval/panel-*/REWRITE_PANEL.md`, each with the rule that decided its change in `KEEP_RULE.md`).");
        return s.ToString();
    }

    /// <summary>The threshold with the best F0.5 (the first of a tie).</summary>
    private static (float Threshold, BinaryCounts Counts) Best(List<TrainingRow> rows, double[] scores) =>
        Thresholds.First(Thresholds.Sweep(0.05f, 0.96f, 0.01f), t => BinaryCounts.From(rows.Select((r, i) => (r.Label, scores[i] >= t))), c => Thresholds.FBeta(c, 0.5))!.Value;

    private static string Hash(string folder)
    {
        using var sha = SHA256.Create();
        foreach (string file in Directory.GetFiles(folder, "*.jsonl").Order(StringComparer.Ordinal))
        {
            byte[] bytes = File.ReadAllBytes(file);
            sha.TransformBlock(bytes, 0, bytes.Length, null, 0);
        }

        sha.TransformFinalBlock([], 0, 0);
        return Convert.ToHexStringLower(sha.Hash!)[..16];
    }
}
