using CoachService.Core.Embeddings;

namespace CoachService.Core.Tests.Embeddings;

public class SentenceEmbedderTests
{
    [Fact]
    public void Embed_CacheOn_ReturnsTheCachedVectorForARepeat()
    {
        using var embedder = new SentenceEmbedder(cacheSize: 100);

        var first = embedder.Embed("You never help with the dishes.");

        Assert.Same(first, embedder.Embed("You never help with the dishes."));
        Assert.Equal(SentenceEmbedder.Dimensions, first.Length);
        Assert.Equal(1f, System.Numerics.Tensors.TensorPrimitives.Norm(first), 3);
    }

    [Fact]
    public void Embed_CacheOff_RecomputesTheSameVector()
    {
        using var embedder = new SentenceEmbedder(cacheSize: 0);

        var first = embedder.Embed("You never help with the dishes.");
        var second = embedder.Embed("You never help with the dishes.");

        Assert.NotSame(first, second);
        Assert.Equal(first, second);
    }

    [Fact]
    public void Constructor_NegativeCacheSize_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SentenceEmbedder(-1));
    }
}
