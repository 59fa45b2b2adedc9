using CoachService.Core.Embeddings;

namespace CoachService.Core.Models;

/// <summary>
/// Builds a model's input row for a sentence: the embeddings are computed only when the models were trained
/// with them, and the message's embedding only once per message.
/// </summary>
public sealed class SentenceRows(FeatureSet featureSet, SentenceEmbedder embedder)
{
    private static readonly float[] NoEmbedding = new float[SentenceEmbedder.Dimensions];

    public bool UsesContext => featureSet == FeatureSet.NGramsEmbeddingAndContext;

    /// <summary>The context vector for a message, to pass to <see cref="For"/> for each of its sentences.</summary>
    public float[] Context(string message) => UsesContext ? embedder.Embed(message) : NoEmbedding;

    /// <param name="sentence">The sentence to score.</param>
    /// <param name="context">The message's <see cref="Context"/>; the sentence alone stands for its message when null.</param>
    public SentenceRow For(string sentence, float[]? context = null)
    {
        var embedding = featureSet == FeatureSet.NGrams ? NoEmbedding : embedder.Embed(sentence);
        return new SentenceRow
        {
            Text = sentence,
            Embedding = embedding,
            Context = UsesContext ? context ?? embedding : NoEmbedding,
        };
    }
}
