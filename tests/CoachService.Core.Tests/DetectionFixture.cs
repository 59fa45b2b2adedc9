using CoachService.Core.Detection;
using CoachService.Core.Embeddings;
using CoachService.Core.Safety;

namespace CoachService.Core.Tests;

/// <summary>The committed models, loaded once for all tests that need them (as the service loads them).</summary>
public sealed class DetectionFixture : IDisposable
{
    public DetectionFixture()
    {
        Embedder = new SentenceEmbedder();
        Classifier = BlameClassifier.Load(Path.Combine(AppContext.BaseDirectory, "models"), Embedder);
        SpanFinder = new BlameSpanFinder(Classifier, BlameRule.LoadEmbedded());
        Analyzer = new BlameAnalyzer(Classifier, SpanFinder, new SafetyCheck());
    }

    public SentenceEmbedder Embedder { get; }

    public BlameClassifier Classifier { get; }

    public BlameSpanFinder SpanFinder { get; }

    public BlameAnalyzer Analyzer { get; }

    public void Dispose() => Embedder.Dispose();
}

[CollectionDefinition(Name)]
public sealed class DetectionModelsGroup : ICollectionFixture<DetectionFixture>
{
    public const string Name = "Detection models";
}
