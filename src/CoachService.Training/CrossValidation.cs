using Microsoft.ML;
using Microsoft.ML.Data;

namespace CoachService.Training;

/// <summary>Out-of-fold probabilities of a binary model: each row scored by a model fitted on the other folds.</summary>
internal static class CrossValidation
{
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
}
