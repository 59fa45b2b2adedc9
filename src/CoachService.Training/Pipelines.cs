using CoachService.Core.Models;
using Microsoft.ML;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms.Text;

namespace CoachService.Training;

/// <summary>The ML.NET pipelines, in one place so the blame, category and concern models share their features.</summary>
internal sealed class Pipelines(MLContext ml)
{
    public IEstimator<ITransformer> Features(FeatureSet featureSet)
    {
        var ngrams = ml.Transforms.Text.FeaturizeText("NGrams", new TextFeaturizingEstimator.Options
        {
            CaseMode = TextNormalizingEstimator.CaseMode.Lower,
            KeepDiacritics = false,
            KeepPunctuations = true,
            KeepNumbers = true,
            // Word unigrams and bigrams catch phrasing ("never help", "your fault"); character 4-grams cope
            // with texting spellings ("ur", "nevr", "sooo").
            WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = 2, UseAllLengths = true },
            CharFeatureExtractor = new WordBagEstimator.Options { NgramLength = 4, UseAllLengths = false },
            Norm = TextFeaturizingEstimator.NormFunction.L2,
        }, nameof(TrainingRow.Text));

        return featureSet == FeatureSet.NGramsAndEmbedding
            ? ngrams.Append(ml.Transforms.Concatenate("Features", "NGrams", nameof(TrainingRow.Embedding)))
            : ngrams.Append(ml.Transforms.CopyColumns("Features", "NGrams"));
    }

    public IEstimator<ITransformer> Blame(FeatureSet featureSet) =>
        Features(featureSet).Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression(
            new LbfgsLogisticRegressionBinaryTrainer.Options
            {
                LabelColumnName = nameof(TrainingRow.Label),
                FeatureColumnName = "Features",
                L2Regularization = 0.5f,
                L1Regularization = 0.1f,
                NumberOfThreads = 1,
            }));

    /// <summary>Fits a multi-class model on <see cref="TrainingRow.Class"/>; the saved model needs only the text (and embedding).</summary>
    public ITransformer FitMultiClass(FeatureSet featureSet, IDataView rows)
    {
        var keyed = ml.Transforms.Conversion.MapValueToKey("Label", nameof(TrainingRow.Class)).Fit(rows).Transform(rows);
        var pipeline = Features(featureSet)
            .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
            {
                LabelColumnName = "Label",
                FeatureColumnName = "Features",
                L2Regularization = 0.5f,
                L1Regularization = 0.1f,
                NumberOfThreads = 1,
            }))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
        return pipeline.Fit(keyed);
    }
}
