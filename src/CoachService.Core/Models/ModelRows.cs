using Microsoft.ML.Data;

namespace CoachService.Core.Models;

/// <summary>What every model here reads: a sentence, and its sentence embedding when the model uses one.</summary>
public sealed class SentenceRow
{
    public string Text { get; set; } = "";

    [VectorType(Embeddings.SentenceEmbedder.Dimensions)]
    public float[] Embedding { get; set; } = [];

    /// <summary>The embedding of the whole message the sentence belongs to (context for short, ambiguous sentences).</summary>
    [VectorType(Embeddings.SentenceEmbedder.Dimensions)]
    public float[] Context { get; set; } = [];

    /// <summary>What the fine-tuned heads read in the sentence and its neighbours (<see cref="Reading.MessageReading.DeciderFeatures"/>).</summary>
    [VectorType(Reading.MessageReading.DeciderFeatureCount)]
    public float[] Heads { get; set; } = [];

    /// <summary>What the rewrite check reads in an (original, rewrite) pair (<see cref="Rewriting.RewritePair.Features"/>); only that check reads it.</summary>
    [VectorType(Rewriting.RewritePair.FeatureCount)]
    public float[] Pair { get; set; } = new float[Rewriting.RewritePair.FeatureCount];

    /// <summary>What the safety head reads in the whole message (<see cref="Safety.SafetyClassifier.HeadFeatures"/>); only the safety decider reads it.</summary>
    [VectorType(Safety.SafetyClassifier.HeadFeatureCount)]
    public float[] SafetyHead { get; set; } = new float[Safety.SafetyClassifier.HeadFeatureCount];
}

/// <summary>Output of the binary blame model.</summary>
public sealed class BlameProbability
{
    public float Probability { get; set; }
}

/// <summary>Output of a multi-class model (blame category, concern): the label and one score per class.</summary>
public sealed class ClassPrediction
{
    [ColumnName("PredictedLabel")]
    public string Label { get; set; } = "";

    [ColumnName("Score")]
    public float[] Scores { get; set; } = [];
}
