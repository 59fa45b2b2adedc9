using CoachService.Core.Models;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace CoachService.Training;

/// <summary>
/// The trainers' fold loops: each held-out row is scored by a model fitted on the other folds. Every trainer
/// (reading, safety, situation) cross-validates through here; the thresholds are then chosen with <see cref="Thresholds"/>.
/// </summary>
internal static class CrossValidation
{
    /// <summary>
    /// The fold loop: for each fold <c>k</c> in order, fits on the rows of <paramref name="training"/> whose fold is
    /// not <c>k</c> and lets <paramref name="scoreHeld"/> score fold <c>k</c> with that model. Every fold is fitted,
    /// even one with nothing held out.
    /// </summary>
    public static void ForEachFold(
        MLContext ml, IEnumerable<TrainingRow> training, int folds, Func<IDataView, ITransformer> fit, Action<int, ITransformer> scoreHeld)
    {
        for (int k = 0; k < folds; k++)
        {
            int fold = k;
            var model = fit(ml.Data.LoadFromEnumerable(training.Where(r => r.Fold != fold)));
            scoreHeld(fold, model);
        }
    }

    /// <summary>Out-of-fold probabilities of a binary model. A fold with nothing held out is skipped (not fitted).</summary>
    /// <remarks>
    /// Its own loop, not <see cref="ForEachFold"/>: besides skipping an empty fold it fits on a list, whose row count
    /// ML.NET's data view reports (for the lazy query of <see cref="ForEachFold"/> it reports none). Either difference
    /// may change what a trainer fits, and the shipped models are reproduced exactly by these loops as they are; one
    /// loop for both wants a retrain that shows the models unchanged.
    /// </remarks>
    public static double[] Probabilities(MLContext ml, IReadOnlyList<TrainingRow> rows, int folds, IEstimator<ITransformer> estimator)
    {
        var scores = new double[rows.Count];
        for (int k = 0; k < folds; k++)
        {
            var train = rows.Where(r => r.Fold != k).ToList();
            var heldIndexes = Enumerable.Range(0, rows.Count).Where(i => rows[i].Fold == k).ToList();
            if (heldIndexes.Count == 0)
            {
                continue;
            }

            var model = estimator.Fit(ml.Data.LoadFromEnumerable(train));
            var predicted = model.Transform(ml.Data.LoadFromEnumerable(heldIndexes.Select(i => rows[i])));
            var probabilities = predicted.GetColumn<float>("Probability").ToArray();
            for (int j = 0; j < heldIndexes.Count; j++)
            {
                scores[heldIndexes[j]] = probabilities[j];
            }
        }

        return scores;
    }

    /// <summary>Out-of-fold predictions of a multi-class model, one per row, in the rows' order.</summary>
    public static List<ClassPrediction> Classes(MLContext ml, IReadOnlyList<TrainingRow> rows, int folds, Func<IDataView, ITransformer> fit)
    {
        var result = new ClassPrediction[rows.Count];
        ForEachFold(ml, rows, folds, fit, (k, model) =>
        {
            var engine = ml.Model.CreatePredictionEngine<TrainingRow, ClassPrediction>(model);
            for (int i = 0; i < rows.Count; i++)
            {
                if (rows[i].Fold == k)
                {
                    result[i] = engine.Predict(rows[i]);
                }
            }
        });

        return [.. result];
    }

    /// <summary>Each message's label (any of its rows labelled) and score (its rows' highest), in first-seen order.</summary>
    public static List<(bool Actual, double Score)> ByMessage(IReadOnlyList<TrainingRow> rows, double[] scores) =>
        rows.Select((r, i) => (r.MessageId, r.Label, Score: scores[i]))
            .GroupBy(x => x.MessageId)
            .Select(g => (Actual: g.Any(x => x.Label), Score: g.Max(x => x.Score)))
            .ToList();
}

/// <summary>The threshold grids the trainers sweep, and how they choose on them.</summary>
internal static class Thresholds
{
    /// <summary>
    /// <paramref name="from"/>, then steps of <paramref name="step"/> added in single precision while below
    /// <paramref name="below"/> (at or below it when <paramref name="inclusive"/>), each rounded to two decimals.
    /// The float accumulation is kept as the trainers always had it: it decides where the grid ends.
    /// </summary>
    public static IEnumerable<float> Sweep(float from, float below, float step, bool inclusive = false)
    {
        for (float t = from; inclusive ? t <= below : t < below; t += step)
        {
            yield return MathF.Round(t, 2);
        }
    }

    /// <summary><paramref name="count"/> hundredths from <paramref name="first"/>/100, computed as i / 100f.</summary>
    public static IEnumerable<float> Hundredths(int first, int count) =>
        Enumerable.Range(first, count).Select(i => i / 100f);

    /// <summary>The first threshold with the strictly highest score (a later tie does not replace it); null on an empty grid.</summary>
    public static (float Threshold, T Value)? First<T>(IEnumerable<float> grid, Func<float, T> measure, Func<T, double> score)
    {
        (float, T)? best = null;
        double bestScore = double.NegativeInfinity;
        foreach (float t in grid)
        {
            var value = measure(t);
            double s = score(value);
            if (best is null || s > bestScore)
            {
                best = (t, value);
                bestScore = s;
            }
        }

        return best;
    }

    /// <summary>Among thresholds whose false rate stays within <paramref name="budget"/>, the one with the highest recall; the lowest such threshold on a tie.</summary>
    public static float MostRecallWithin(IEnumerable<float> grid, Func<float, double> falseRate, double budget, Func<float, double> recall) =>
        grid.Where(t => falseRate(t) <= budget).OrderByDescending(recall).ThenBy(t => t).First();

    /// <summary>F-beta of the counts: beta 0.5 counts precision twice as much as recall.</summary>
    public static double FBeta(BinaryCounts counts, double beta)
    {
        double p = counts.Precision, r = counts.Recall, b2 = beta * beta;
        return p + r == 0 ? 0 : (1 + b2) * p * r / (b2 * p + r);
    }
}
