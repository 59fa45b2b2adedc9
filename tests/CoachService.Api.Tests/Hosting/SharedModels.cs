using CoachService.Core;
using CoachService.Core.Detection;
using CoachService.Core.Embeddings;
using CoachService.Core.Knowledge;
using CoachService.Core.Reading;
using CoachService.Core.Rewriting;
using CoachService.Core.Safety;
using CoachService.Core.Text;
using Microsoft.Extensions.DependencyInjection;

namespace CoachService.Api.Tests;

/// <summary>
/// The committed models, tokenizer, catalogs and articles, loaded once for the whole test run and handed to every
/// app the tests host. They are read-only after loading and already shared by concurrent requests in one app, so
/// many apps can share them too; what each app keeps for itself (the reading cache, limits, clock, options) stays
/// its own. An app whose settings move the models or articles loads its own, so the start-up checks still run.
/// </summary>
internal static class SharedModels
{
    private static readonly Lazy<ServiceProvider> Loaded = new(() =>
    {
        var services = CoachServiceCollectionExtensions.BuildCoachServices();
        services.WarmUpCoach();
        return services;
    });

    /// <summary>What is loaded from files and read-only afterwards; nothing here depends on a client, a clock or a limit.</summary>
    private static readonly Type[] ReadOnlyServices =
    [
        typeof(WordPieceTokenizer), typeof(ContextualEncoder), typeof(MessageReader), typeof(SentenceEmbedder),
        typeof(BlameClassifier), typeof(SafetyClassifier), typeof(LanguageCheck),
        typeof(RewriteCatalog), typeof(RewriteChecks), typeof(ArticleLibrary), typeof(KnowledgeIndex),
    ];

    /// <summary>Whether an app with these settings reads the same files the shared copy was loaded from.</summary>
    public static bool Fit(IReadOnlyDictionary<string, string> settings) =>
        !settings.Keys.Any(key => key.StartsWith("Coach:ModelsDirectory", StringComparison.OrdinalIgnoreCase)
            || key.StartsWith("Coach:SeedsDirectory", StringComparison.OrdinalIgnoreCase)
            || key.StartsWith("Coach:EncoderThreads", StringComparison.OrdinalIgnoreCase));

    /// <summary>Registers the shared instances over the app's own (the last registration wins); DI does not dispose given instances.</summary>
    public static void AddTo(IServiceCollection services)
    {
        foreach (var type in ReadOnlyServices)
        {
            services.AddSingleton(type, Loaded.Value.GetRequiredService(type));
        }
    }
}
