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

    /// <summary>The embedding of the whole message (the sentence's own for a one-sentence message).</summary>
    [VectorType(SentenceEmbedder.Dimensions)]
    public float[] Context { get; set; } = [];

    /// <summary>The fine-tuned heads' reading of the sentence in its message.</summary>
    [VectorType(CoachService.Core.Reading.MessageReading.DeciderFeatureCount)]
    public float[] Heads { get; set; } = new float[CoachService.Core.Reading.MessageReading.DeciderFeatureCount];

    /// <summary>The safety head's reading of the row's message (only the safety model reads it).</summary>
    [VectorType(CoachService.Core.Safety.SafetyClassifier.HeadFeatureCount)]
    public float[] SafetyHead { get; set; } = new float[CoachService.Core.Safety.SafetyClassifier.HeadFeatureCount];

    /// <summary>The (original, rewrite) pair's features (only the rewrite check reads them).</summary>
    [VectorType(CoachService.Core.Rewriting.RewritePair.FeatureCount)]
    public float[] Pair { get; set; } = new float[CoachService.Core.Rewriting.RewritePair.FeatureCount];

    /// <summary>How much the row counts in training (only the safety model weighs rows).</summary>
    public float Weight { get; set; } = 1f;

    /// <summary>The whole message, to embed as context.</summary>
    [NoColumn]
    public string MessageText { get; set; } = "";

    /// <summary>Which cross-validation fold the sentence's message belongs to (messages never straddle folds).</summary>
    [NoColumn]
    public int Fold { get; set; }

    [NoColumn]
    public string MessageId { get; set; } = "";

    /// <summary>The labelled concern of a blame sentence, for the concern model.</summary>
    [NoColumn]
    public string? Concern { get; set; }

    public TrainingRow WithClass(string value) => new()
    {
        Text = Text, Label = Label, Class = value, Embedding = Embedding, Context = Context, Heads = Heads, Pair = Pair, Fold = Fold, MessageId = MessageId,
        MessageText = MessageText, Concern = Concern, Weight = Weight,
    };
}

/// <summary>The vectors the clause trainers give their rows.</summary>
internal static class TrainingRowVectors
{
    /// <summary>
    /// Each row's own vector (of its text) and its message's vector, every distinct message read once, both by the
    /// service's encoder.
    /// </summary>
    /// <param name="embedder">The service's encoder.</param>
    /// <param name="rows">The rows; their <see cref="TrainingRow.Embedding"/> and <see cref="TrainingRow.Context"/> are set.</param>
    /// <param name="messages">Each row's message, in the rows' order.</param>
    public static void Read(SentenceEmbedder embedder, IReadOnlyList<TrainingRow> rows, IReadOnlyList<string> messages)
    {
        var vectors = embedder.Embed(rows.Select(r => r.Text).ToList());
        var distinctMessages = messages.Distinct(StringComparer.Ordinal).ToList();
        var messageVectors = embedder.Embed(distinctMessages);
        var byMessage = distinctMessages.Select((m, i) => (m, i)).ToDictionary(x => x.m, x => messageVectors[x.i], StringComparer.Ordinal);
        for (int i = 0; i < rows.Count; i++)
        {
            rows[i].Embedding = vectors[i];
            rows[i].Context = byMessage[messages[i]];
        }
    }
}
