using CoachService.Core.Models;
using Microsoft.ML;

namespace CoachService.Training;

/// <summary>
/// The reading trainer's search: cross-validates every encoder, feature set and learner on the fine-tuning step's
/// folds (so no message is read by an encoder that trained on it), reads each candidate at the threshold with the
/// best message F0.5, and keeps the best one the service can run. With <paramref name="maxKindFlagged"/>, only
/// thresholds that flag at most that share of kind messages in cross-validation are considered.
/// </summary>
internal sealed class ReadingSearch(MLContext ml, Pipelines pipelines, TextWriter log, double? maxKindFlagged = null)
{
    /// <summary>The highest share of kind training messages the strict threshold may flag in cross-validation.</summary>
    public const double MaxCrossValidatedFalsePositiveRate = 0.03;

    /// <summary>Each sentence's held-out blame probability under one candidate, and the chosen threshold's counts.</summary>
    internal sealed record Candidate(string Encoder, string Features, string Learner, float Threshold, BinaryCounts Messages, double SentenceF1, double[] Scores)
    {
        /// <summary>The best F1 among thresholds that flag at most 3% of kind messages, for comparison.</summary>
        public BinaryCounts? Strict { get; init; }

        public float StrictThreshold { get; init; }
    }

    /// <summary>The heads' reading alone: the category and concern deciders' settings, and the tree learner's.</summary>
    public static readonly TrainerSettings Heads = new(FeatureSet.Heads, 4, 0.1f);

    /// <summary>Every candidate, in the card's order, and the one kept.</summary>
    public (List<Candidate> Candidates, Candidate Kept) Run(List<TrainingRow> tunedRows, List<TrainingRow> frozenRows, List<TrainingRow> todayRows, int folds)
    {
        var candidates = new List<Candidate>
        {
            OwnHead(tunedRows),
        };
        foreach (var (encoder, rows, settings) in new (string, List<TrainingRow>, TrainerSettings)[]
        {
            ("fine-tuned", tunedRows, new TrainerSettings(FeatureSet.Heads, 4, 0.1f)),
            ("fine-tuned", tunedRows, new TrainerSettings(FeatureSet.HeadsAndNGrams, 4, 1f)),
            ("fine-tuned", tunedRows, new TrainerSettings(FeatureSet.Embedding, 4, 1f)),
            ("frozen, read in context", frozenRows, new TrainerSettings(FeatureSet.Embedding, 4, 1f)),
            ("frozen, read in context", frozenRows, new TrainerSettings(FeatureSet.NGramsEmbeddingAndContext, 4, 1f)),
            ("today: frozen, each sentence alone", todayRows, new TrainerSettings(FeatureSet.NGramsEmbeddingAndContext, 4, 1f)),
        })
        {
            var scores = CrossValidation.Probabilities(ml, rows, folds, pipelines.Blame(settings));
            candidates.Add(Evaluate(encoder, settings.ToString(), "L-BFGS logistic regression", rows, scores));
        }

        candidates.Add(Evaluate("fine-tuned", Heads.ToString(), "FastTree (50 trees)", tunedRows, CrossValidation.Probabilities(ml, tunedRows, folds, pipelines.BlameTrees(Heads))));

        // Choose: the best message F0.5 at its threshold among what the service can run on its one reading (the
        // fine-tuned encoder's) with an ML.NET learner; the other encoders are there to compare.
        var kept = candidates.Where(c => c.Encoder == "fine-tuned" && c.Learner != "(none)").MaxBy(c => Thresholds.FBeta(c.Messages, 0.5))!;
        log.WriteLine($"kept: {kept.Encoder}, {kept.Features}, {kept.Learner} (CV message F0.5 {Thresholds.FBeta(kept.Messages, 0.5):F3}, F1 {kept.Messages.F1:F3} at {kept.Threshold:F2})");
        return (candidates, kept);
    }

    /// <summary>
    /// The fine-tuned model's own blame head alone, scored as in <see cref="Run"/> (the first row of the card's table):
    /// what a one-fold recipe trial (<c>finetune --only-fold</c>) prints.
    /// </summary>
    public Candidate OwnHead(List<TrainingRow> tunedRows) =>
        Evaluate("fine-tuned", "own blame head", "(none)", tunedRows, tunedRows.Select(r => Sigmoid(r.Heads[0])).ToArray());

    /// <summary>The settings a kept candidate was cross-validated with, from its features' name.</summary>
    public static TrainerSettings SettingsOf(Candidate kept) => kept.Features switch
    {
        var f when f.StartsWith("heads' reading + n-grams", StringComparison.Ordinal) => new TrainerSettings(FeatureSet.HeadsAndNGrams, 4, 1f),
        var f when f.StartsWith("heads' reading", StringComparison.Ordinal) => new TrainerSettings(FeatureSet.Heads, 4, 0.1f),
        var f when f.StartsWith("n-grams + sentence vector + message vector", StringComparison.Ordinal) => new TrainerSettings(FeatureSet.NGramsEmbeddingAndContext, 4, 1f),
        _ => new TrainerSettings(FeatureSet.Embedding, 4, 1f),
    };

    /// <summary>
    /// Message-level counts at the threshold with the best F0.5 (precision counts twice as much as recall: a kind
    /// message called blame costs more than a missed one), among the thresholds that keep within
    /// <c>maxKindFlagged</c> when it is set (the highest threshold in the grid if none does). Also notes, for the card, the best F1 among the
    /// thresholds that flag at most <see cref="MaxCrossValidatedFalsePositiveRate"/> of kind messages.
    /// </summary>
    private Candidate Evaluate(string encoder, string features, string learner, List<TrainingRow> rows, double[] scores)
    {
        var byMessage = CrossValidation.ByMessage(rows, scores);
        var grid = Thresholds.Sweep(0.05f, 0.99f, 0.01f).ToList();
        BinaryCounts Counts(float threshold) => BinaryCounts.From(byMessage.Select(m => (m.Actual, m.Score >= threshold)));
        static double FalsePositiveRate(BinaryCounts c) => BinaryCounts.Ratio(c.FalsePositives, c.FalsePositives + c.TrueNegatives);

        var allowed = maxKindFlagged is { } cap ? grid.Where(t => FalsePositiveRate(Counts(t)) <= cap).DefaultIfEmpty(grid[^1]).ToList() : grid;
        var (threshold, counts) = Thresholds.First(allowed, Counts, c => Thresholds.FBeta(c, 0.5))!.Value;
        var strictBest = Thresholds.First(grid.Where(t => FalsePositiveRate(Counts(t)) <= MaxCrossValidatedFalsePositiveRate), Counts, c => c.F1);
        var strict = strictBest?.Value;
        float strictThreshold = strictBest?.Threshold ?? 0.99f;
        double sentenceF1 = BinaryCounts.From(rows.Select((r, i) => (r.Label, scores[i] >= threshold))).F1;
        var best = new Candidate(encoder, features, learner, threshold, counts, sentenceF1, scores) { StrictThreshold = strictThreshold, Strict = strict };
        log.WriteLine($"  {encoder} | {features} | {learner}: message F0.5 {Thresholds.FBeta(best.Messages, 0.5):F3}, F1 {best.Messages.F1:F3} (P {best.Messages.Precision:F3}, R {best.Messages.Recall:F3}) at {best.Threshold:F2}{(maxKindFlagged is { } c ? $" (kind flagged {FalsePositiveRate(counts):P1}, cap {c:P0})" : "")}; at most {MaxCrossValidatedFalsePositiveRate:P0} kind flagged: F1 {strict?.F1 ?? 0:F3} at {strictThreshold:F2}");
        return best;
    }

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));
}
