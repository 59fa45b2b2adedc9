using CoachService.Core.Embeddings;

namespace CoachService.Core.Models;

/// <summary>
/// Builds a model's input row for a sentence: the embeddings are computed only when the model was trained
/// with them, and the message's embedding only once per message.
/// </summary>
public sealed class SentenceRows(FeatureSet featureSet, SentenceEmbedder embedder)
{
    private static readonly float[] NoEmbedding = new float[SentenceEmbedder.Dimensions];

    public FeatureSet FeatureSet => featureSet;

    public bool UsesContext => featureSet == FeatureSet.NGramsEmbeddingAndContext;

    /// <summary>The message as context, to pass to <see cref="For"/> for each of its sentences; embedded lazily.</summary>
    public MessageContext Context(string message) => new(() => embedder.Embed(message));

    /// <param name="sentence">The sentence to score.</param>
    /// <param name="context">The message's <see cref="Context"/>; the sentence alone stands for its message when null.</param>
    public SentenceRow For(string sentence, MessageContext? context = null)
    {
        if (featureSet == FeatureSet.NGrams)
        {
            return TextOnly(sentence);
        }

        var embedding = embedder.Embed(sentence);
        return new SentenceRow
        {
            Text = sentence,
            Embedding = embedding,
            Context = UsesContext ? context?.Vector ?? embedding : NoEmbedding,
        };
    }

    /// <summary>A row for a model that reads the text alone (n-grams): nothing is embedded.</summary>
    public static SentenceRow TextOnly(string sentence) => new() { Text = sentence, Embedding = NoEmbedding, Context = NoEmbedding };

    /// <summary>The same embedder, reading another model's features (the cascade's n-gram screen, the category model).</summary>
    public SentenceRows With(FeatureSet other) => other == featureSet ? this : new SentenceRows(other, embedder);
}
