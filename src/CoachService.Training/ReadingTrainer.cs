using CoachService.Core.Data;
using CoachService.Core.Detection;
using CoachService.Core.Models;
using CoachService.Core.Reading;
using Microsoft.ML;

namespace CoachService.Training;

/// <summary>
/// Trains the ML.NET deciders that read the fine-tuned encoder's reading, in named steps:
/// load and featurise (<see cref="ReadingData"/>: labelled messages and the fine-tuning step's out-of-fold reading,
/// one row per sentence for every encoder compared) → search (<see cref="ReadingSearch"/>: every encoder, feature
/// set and learner cross-validated on the fine-tuning step's folds; the best message F0.5 kept) → category and
/// concern (<see cref="ReadingConcern"/>: their deciders cross-validated, the concern floor and the cue threshold)
/// → fit and save (<see cref="ReadingDeciders"/>) → the rewriter's lines for this reader (<see cref="RewriteCuts"/>) → evaluate on the test splits through the service's own reading
/// (<see cref="ReadingEvaluation"/>).
/// </summary>
internal sealed class ReadingTrainer(MLContext ml, TextWriter log, double? maxKindFlagged = null)
{
    public ReadingReport Train(string repo, string oofPath, MessageReader tuned)
    {
        string data = Path.Combine(repo, "models", "data");
        string models = Path.Combine(repo, "models");
        var pipelines = new Pipelines(ml);

        var (examples, oof) = ReadingData.Load(data, oofPath);
        int folds = examples.Max(e => e.Fold) + 1;
        log.WriteLine($"{examples.Count} training messages with an out-of-fold reading, {folds} folds");

        // The fine-tuned reading (out of fold), the frozen encoder read in context, and today's features.
        var tunedRows = ReadingData.TunedRows(examples, oof);
        var frozenRows = ReadingData.FrozenRows(examples, oof);
        var todayRows = ReadingData.TodayRows(examples);

        var (candidates, kept) = new ReadingSearch(ml, pipelines, log, maxKindFlagged).Run(tunedRows, frozenRows, todayRows, folds);
        var concern = ReadingConcern.Run(ml, pipelines, tunedRows, examples, oof, folds);

        string dataHash = LabelledDataSet.ComputeHash(data, "train", "test", "test-blind", "test-blind-2", "test-blind-3");
        var info = new ReadingDeciders(ml, pipelines, log).FitAndSave(models, dataHash, tuned.EncoderVersion, kept, tunedRows, concern);
        info = RewriteCuts.ChooseAndSave(repo, models, BlameClassifier.Load(models, tuned), log);

        var splits = ReadingEvaluation.Run(data, models, tuned);
        return new ReadingReport(
            examples.Count, tunedRows.Count, folds, dataHash, tuned.EncoderVersion, candidates, kept, info,
            concern.CategoryAccuracy, concern.CategoryOwnHeadAccuracy, concern.FloorTable, concern.CueTable, splits, maxKindFlagged);
    }
}

/// <summary>Character-level span agreement, as SemEval-2021 Toxic Spans measures it: F1 per message, averaged.</summary>
internal static class SpanMetrics
{
    /// <summary>Both empty counts as agreement (1), one empty as none (0).</summary>
    public static double F1(HashSet<int> predicted, HashSet<int> gold)
    {
        if (predicted.Count == 0 && gold.Count == 0)
        {
            return 1;
        }

        if (predicted.Count == 0 || gold.Count == 0)
        {
            return 0;
        }

        int both = predicted.Count(gold.Contains);
        double precision = (double)both / predicted.Count;
        double recall = (double)both / gold.Count;
        return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    }

    /// <summary>Only letters and digits count, so a highlight that takes or leaves a space or a comma is not penalised.</summary>
    public static HashSet<int> Letters(string text, IEnumerable<int> chars) =>
        chars.Where(c => c < text.Length && char.IsLetterOrDigit(text[c])).ToHashSet();
}

/// <summary>What the trainer measured, for the model card.</summary>
internal sealed record ReadingReport(
    int Messages,
    int Sentences,
    int Folds,
    string DataHash,
    string EncoderVersion,
    IReadOnlyList<ReadingSearch.Candidate> Candidates,
    ReadingSearch.Candidate Kept,
    BlameModelInfo Info,
    double CategoryAccuracy,
    double CategoryOwnHeadAccuracy,
    IReadOnlyList<(float Floor, int Right, int Wrong, int General)> ConcernFloors,
    IReadOnlyList<(float Threshold, double F1)> CueThresholds,
    IReadOnlyList<SplitReport> Splits,
    double? MaxKindFlagged);
