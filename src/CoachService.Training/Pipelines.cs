using CoachService.Core.Models;
using Microsoft.ML;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms.Text;

namespace CoachService.Training;

/// <summary>The ML.NET pipelines, in one place so the blame, category and concern models share their features.</summary>
/// <summary>One configuration the trainer tries: which features, how long the character n-grams, how much regularisation.</summary>
internal sealed record TrainerSettings(FeatureSet FeatureSet, int CharNgramLength, float L2)
{
    public override string ToString() =>
        FeatureSet switch
        {
            FeatureSet.NGrams => $"n-grams (char {CharNgramLength}), L2 {L2}",
            FeatureSet.NGramsAndEmbedding => $"n-grams + sentence vector, L2 {L2}",
            FeatureSet.NGramsEmbeddingAndContext => $"n-grams + sentence vector + message vector, L2 {L2}",
            FeatureSet.Heads => $"heads' reading, L2 {L2}",
            FeatureSet.HeadsAndNGrams => $"heads' reading + n-grams, L2 {L2}",
            FeatureSet.NGramsEmbeddingContextAndSafetyHead => $"n-grams + sentence vector + message vector + safety head, L2 {L2}",
            FeatureSet.Pair => $"pair measures, L2 {L2}",
            FeatureSet.PairNGramsEmbeddingAndContext => $"pair measures + rewrite n-grams + rewrite vector + original vector, L2 {L2}",
            _ => $"sentence vector, L2 {L2}",
        };
}

internal sealed class Pipelines(MLContext ml)
{
    public IEstimator<ITransformer> Features(TrainerSettings settings)
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
            CharFeatureExtractor = new WordBagEstimator.Options { NgramLength = settings.CharNgramLength, UseAllLengths = false },
            Norm = TextFeaturizingEstimator.NormFunction.L2,
        }, nameof(TrainingRow.Text));

        return settings.FeatureSet switch
        {
            FeatureSet.NGramsAndEmbedding => ngrams.Append(ml.Transforms.Concatenate("Features", "NGrams", nameof(TrainingRow.Embedding))),
            FeatureSet.NGramsEmbeddingAndContext => ngrams.Append(ml.Transforms.Concatenate("Features", "NGrams", nameof(TrainingRow.Embedding), nameof(TrainingRow.Context))),
            FeatureSet.Heads => ml.Transforms.CopyColumns("Features", nameof(TrainingRow.Heads)),
            FeatureSet.HeadsAndNGrams => ngrams.Append(ml.Transforms.Concatenate("Features", "NGrams", nameof(TrainingRow.Heads))),
            FeatureSet.Embedding => ml.Transforms.CopyColumns("Features", nameof(TrainingRow.Embedding)),
            FeatureSet.Pair => ml.Transforms.CopyColumns("Features", nameof(TrainingRow.Pair)),
            FeatureSet.PairNGramsEmbeddingAndContext => ngrams.Append(ml.Transforms.Concatenate(
                "Features", "NGrams", nameof(TrainingRow.Embedding), nameof(TrainingRow.Context), nameof(TrainingRow.Pair))),
            FeatureSet.NGramsEmbeddingContextAndSafetyHead => ngrams.Append(ml.Transforms.Concatenate(
                "Features", "NGrams", nameof(TrainingRow.Embedding), nameof(TrainingRow.Context), nameof(TrainingRow.SafetyHead))),
            _ => ngrams.Append(ml.Transforms.CopyColumns("Features", "NGrams")),
        };
    }

    public IEstimator<ITransformer> Blame(TrainerSettings settings) =>
        Features(settings).Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression(
            new LbfgsLogisticRegressionBinaryTrainer.Options
            {
                LabelColumnName = nameof(TrainingRow.Label),
                FeatureColumnName = "Features",
                L2Regularization = settings.L2,
                L1Regularization = settings.FeatureSet is FeatureSet.Heads or FeatureSet.Embedding or FeatureSet.Pair ? 0f : 0.1f,
                NumberOfThreads = 1,
            }));

    /// <summary>The reading trainer's tree learner: FastTree (50 trees) on the same features as <see cref="Blame"/>.</summary>
    public IEstimator<ITransformer> BlameTrees(TrainerSettings settings) =>
        Features(settings).Append(ml.BinaryClassification.Trainers.FastTree(
            labelColumnName: nameof(TrainingRow.Label), featureColumnName: "Features", numberOfTrees: 50, numberOfLeaves: 16, minimumExampleCountPerLeaf: 20));

    /// <summary>Fits a multi-class model on <see cref="TrainingRow.Class"/>; the saved model needs only the text (and embedding).</summary>
    /// <param name="settings">Features and regularisation.</param>
    /// <param name="rows">The training rows.</param>
    /// <param name="weighted">Whether rows count by their <see cref="TrainingRow.Weight"/>.</param>
    public ITransformer FitMultiClass(TrainerSettings settings, IDataView rows, bool weighted = false)
    {
        var keyed = ml.Transforms.Conversion.MapValueToKey("Label", nameof(TrainingRow.Class)).Fit(rows).Transform(rows);
        var pipeline = Features(settings)
            .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
            {
                LabelColumnName = "Label",
                FeatureColumnName = "Features",
                ExampleWeightColumnName = weighted ? nameof(TrainingRow.Weight) : null,
                L2Regularization = settings.L2,
                L1Regularization = 0.1f,
                NumberOfThreads = 1,
            }))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
        return pipeline.Fit(keyed);
    }
}
