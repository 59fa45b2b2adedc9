using CoachService.Core.Detection;
using CoachService.Core.Embeddings;
using CoachService.Core.Knowledge;
using CoachService.Core.Rewriting;
using CoachService.Core.Safety;
using Microsoft.Extensions.DependencyInjection;

namespace CoachService.Core.Tests;

/// <summary>The committed models and articles, wired as the service wires them and loaded once for all tests that need them.</summary>
public sealed class DetectionFixture : IDisposable
{
    private readonly ServiceProvider _services = CoachServiceCollectionExtensions.BuildCoachServices();

    public static string ModelsDirectory => Path.Combine(AppContext.BaseDirectory, "models");

    public SentenceEmbedder Embedder => _services.GetRequiredService<SentenceEmbedder>();

    public BlameClassifier Classifier => _services.GetRequiredService<BlameClassifier>();

    public BlameSpanFinder SpanFinder => _services.GetRequiredService<BlameSpanFinder>();

    public SafetyCheck Safety => _services.GetRequiredService<SafetyCheck>();

    public BlameAnalyzer Analyzer => _services.GetRequiredService<BlameAnalyzer>();

    public Core.Reading.MessageReader Reader => _services.GetRequiredService<Core.Reading.MessageReader>();

    public Core.Reading.ContextualEncoder Encoder => _services.GetRequiredService<Core.Reading.ContextualEncoder>();

    public RewriteCatalog Catalog => _services.GetRequiredService<RewriteCatalog>();

    public RewriteChecks Checks => _services.GetRequiredService<RewriteChecks>();

    public GentleRewriter Rewriter => _services.GetRequiredService<GentleRewriter>();

    public SituationModel Situations => _services.GetRequiredService<SituationModel>();

    public KnowledgeIndex Index => _services.GetRequiredService<KnowledgeIndex>();

    public Core.Reflection.ExtractiveReflector Questions => _services.GetRequiredService<Core.Reflection.ExtractiveReflector>();

    public void Dispose() => _services.Dispose();
}

[CollectionDefinition(Name)]
public sealed class DetectionModelsGroup : ICollectionFixture<DetectionFixture>
{
    public const string Name = "Detection models";
}
