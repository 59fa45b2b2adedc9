using CoachService.Core.Data;
using CoachService.Core.Detection;
using CoachService.Core.Models;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace CoachService.Training;

/// <summary>
/// The reading trainer's fitting step: fits the kept blame decider, the category and concern deciders on every
/// training message, saves them, chooses where "not sure" begins, and writes the deciders' description.
/// </summary>
internal sealed class ReadingDeciders(MLContext ml, Pipelines pipelines, TextWriter log)
{
    /// <summary>Share of blaming messages the "not sure" band must reach, counting those at or above the threshold.</summary>
    internal const double UnsureRecall = 0.90;

    /// <summary>At most this share of kind messages may fall in the band (they are told the service is not sure).</summary>
    internal const double MaxUnsureKindShare = 0.10;

    /// <summary>Fits and saves the three deciders and <see cref="BlameModelInfo"/> to <paramref name="models"/>; returns the description.</summary>
    public BlameModelInfo FitAndSave(string models, string dataHash, string encoderVersion, ReadingSearch.Candidate kept, List<TrainingRow> tunedRows, ConcernChoice concern)
    {
        var keptSettings = ReadingSearch.SettingsOf(kept);
        var heads = ReadingSearch.Heads;
        var blameModel = FitBlame(keptSettings, tunedRows, kept.Learner);
        ml.Model.Save(blameModel, Schema(), Path.Combine(models, BlameModelInfo.ClassifierFileName));
        ml.Model.Save(pipelines.FitMultiClass(heads, ml.Data.LoadFromEnumerable(concern.BlameRows.Select(r => r.WithClass(r.Class)))), Schema(), Path.Combine(models, BlameModelInfo.CategoryFileName));
        ml.Model.Save(pipelines.FitMultiClass(heads, ml.Data.LoadFromEnumerable(concern.ConcernRows)), Schema(), Path.Combine(models, BlameModelInfo.ConcernFileName));
        float unsure = ChooseUnsureThreshold(tunedRows, kept.Scores, kept.Threshold);
        var info = new BlameModelInfo(keptSettings.FeatureSet, kept.Threshold, dataHash, FeatureSet.Heads, concern.Floor, concern.CueThreshold, encoderVersion, unsure,
            KeepAsWrittenBelow: unsure, ClearlyKindBelow: Math.Min(0.15f, unsure)); // the rewriter's lines are chosen next (RewriteCuts)
        info.Save(Path.Combine(models, BlameModelInfo.FileName));
        return info;
    }

    private ITransformer FitBlame(TrainerSettings settings, List<TrainingRow> rows, string learner) =>
        learner.StartsWith("FastTree", StringComparison.Ordinal)
            ? pipelines.BlameTrees(settings).Fit(ml.Data.LoadFromEnumerable(rows))
            : pipelines.Blame(settings).Fit(ml.Data.LoadFromEnumerable(rows));

    private DataViewSchema Schema() => ml.Data.LoadFromEnumerable(Array.Empty<SentenceRow>()).Schema;

    /// <summary>
    /// Where "not sure" begins, from the kept decider's out-of-fold message scores: the highest value at which
    /// messages at or above it hold <see cref="UnsureRecall"/> of the blaming ones, unless that would put more than
    /// <see cref="MaxUnsureKindShare"/> of kind messages in the band; then the lowest value that keeps within it.
    /// </summary>
    private float ChooseUnsureThreshold(List<TrainingRow> rows, double[] scores, float threshold)
    {
        var byMessage = CrossValidation.ByMessage(rows, scores);
        int blame = byMessage.Count(m => m.Actual), kind = byMessage.Count - blame;
        var grid = Thresholds.Hundredths(5, (int)MathF.Round(threshold * 100) - 5).ToList();
        double Recall(float u) => byMessage.Count(m => m.Actual && m.Score >= u) / (double)blame;
        double KindInBand(float u) => byMessage.Count(m => !m.Actual && m.Score >= u && m.Score < threshold) / (double)kind;
        var allowed = grid.Where(u => KindInBand(u) <= MaxUnsureKindShare).ToList();
        float chosen = allowed.Where(u => Recall(u) >= UnsureRecall).DefaultIfEmpty(allowed.Count > 0 ? allowed.Min() : threshold).Max();
        log.WriteLine($"not sure from {chosen:F2}: CV message recall {Recall(chosen):F3} counting the band, kind messages in the band {KindInBand(chosen):F3}");
        return chosen;
    }
}
