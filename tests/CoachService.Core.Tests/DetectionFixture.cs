using CoachService.Core.Detection;
using CoachService.Core.Embeddings;
using CoachService.Core.Knowledge;
using CoachService.Core.Rewriting;
using CoachService.Core.Safety;

namespace CoachService.Core.Tests;

/// <summary>The committed models, loaded once for all tests that need them (as the service loads them).</summary>
public sealed class DetectionFixture : IDisposable
{
    public DetectionFixture()
    {
        Embedder = new SentenceEmbedder();
        Classifier = BlameClassifier.Load(ModelsDirectory, Embedder);
        SpanFinder = new BlameSpanFinder(Classifier, BlameRule.LoadEmbedded());
        Safety = new SafetyCheck(SafetyClassifier.Load(ModelsDirectory, Classifier));
        Analyzer = new BlameAnalyzer(Classifier, SpanFinder, Safety);
        Catalog = RewriteCatalog.LoadEmbedded();
        Checks = new RewriteChecks(Catalog, BlameRule.LoadEmbedded());
        Rewriter = new GentleRewriter(Classifier, ConcernClassifier.Load(ModelsDirectory, Classifier), Catalog, Checks);
        Index = new KnowledgeIndex(ArticleLibrary.LoadDirectory(Path.Combine(AppContext.BaseDirectory, "seeds")), Embedder, Path.Combine(ModelsDirectory, KnowledgeIndex.CacheFileName));
    }

    public KnowledgeIndex Index { get; }

    public SafetyCheck Safety { get; }

    public static string ModelsDirectory => Path.Combine(AppContext.BaseDirectory, "models");

    public RewriteCatalog Catalog { get; }

    public RewriteChecks Checks { get; }

    public GentleRewriter Rewriter { get; }

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
