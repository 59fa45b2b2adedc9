using CoachService.Core.Reading;

namespace CoachService.Core.Embeddings;

/// <summary>
/// The vector of a whole text as the one encoder reads it: the mean of its tokens' contextual states, unit
/// length (<see cref="MessageReading.Vector"/>). A message being analysed already carries it in its reading;
/// this reads other texts (article sections when the index is built, training messages, rewrites to compare).
/// Nothing is cached: a text is read when asked, so answering never depends on what another client sent.
/// </summary>
public sealed class SentenceEmbedder(MessageReader reader)
{
    public const int Dimensions = ContextualEncoder.Dimensions;

    /// <summary>The encoder's version, so a file of saved vectors can tell it was made by another encoder.</summary>
    public string Version => reader.EncoderVersion;

    public float[] Embed(string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        return reader.Read(text, cancellationToken).Vector;
    }

    /// <summary>A few texts read together in one encoder call (a request's candidate clauses), each as it would be read alone.</summary>
    public IReadOnlyList<float[]> EmbedTogether(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return [.. reader.ReadMany(texts, cancellationToken).Select(r => r.Vector)];
    }

    /// <summary>Many texts, read in parallel (building the article index, training).</summary>
    public float[][] Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var vectors = new float[texts.Count][];
        Parallel.For(0, texts.Count, new ParallelOptions { CancellationToken = cancellationToken }, i => vectors[i] = Embed(texts[i], cancellationToken));
        return vectors;
    }

    public static float Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b) =>
        System.Numerics.Tensors.TensorPrimitives.CosineSimilarity(a, b);
}
