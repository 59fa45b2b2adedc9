using CoachService.Core.Embeddings;

namespace CoachService.Core.Tests.Embeddings;

public class SentenceEmbedderTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    public void Embed_WithOrWithoutTheCache_GivesTheSameUnitVector(int cacheSize)
    {
        using var embedder = new SentenceEmbedder(cacheSize);

        var first = embedder.Embed("You never help with the dishes.");
        var second = embedder.Embed("You never help with the dishes.");

        Assert.Equal(SentenceEmbedder.Dimensions, first.Length);
        Assert.Equal(first, second);
        Assert.Equal(1f, SentenceEmbedder.Cosine(first, second), 3);
    }

    [Fact]
    public void Constructor_NegativeCacheSize_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SentenceEmbedder(-1));
    }
}
