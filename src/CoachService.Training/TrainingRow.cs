using CoachService.Core.Embeddings;
using Microsoft.ML.Data;

namespace CoachService.Training;

/// <summary>One labelled sentence as the ML.NET trainers see it.</summary>
internal sealed class TrainingRow
{
    public string Text { get; set; } = "";

    public bool Label { get; set; }

    /// <summary>The blame category, or the concern, depending on the model being trained.</summary>
    public string Class { get; set; } = "";

    [VectorType(SentenceEmbedder.Dimensions)]
    public float[] Embedding { get; set; } = [];

    /// <summary>Which cross-validation fold the sentence's message belongs to (messages never straddle folds).</summary>
    [NoColumn]
    public int Fold { get; set; }

    [NoColumn]
    public string MessageId { get; set; } = "";
}
