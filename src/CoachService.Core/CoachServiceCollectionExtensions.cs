using CoachService.Core.Detection;
using CoachService.Core.Embeddings;
using CoachService.Core.Safety;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CoachService.Core;

public static class CoachServiceCollectionExtensions
{
    /// <summary>
    /// Registers the detection pipeline as singletons: models are loaded once per process, and the
    /// prediction engines inside are pooled.
    /// </summary>
    public static IServiceCollection AddCoachDetection(this IServiceCollection services)
    {
        services.AddOptions<CoachOptions>()
            .BindConfiguration(CoachOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<SentenceEmbedder>();
        services.AddSingleton(sp => BlameClassifier.Load(
            sp.GetRequiredService<IOptions<CoachOptions>>().Value.ModelsDirectory,
            sp.GetRequiredService<SentenceEmbedder>()));
        services.AddSingleton(sp => new BlameSpanFinder(sp.GetRequiredService<BlameClassifier>(), BlameRule.LoadEmbedded()));
        services.AddSingleton<SafetyCheck>();
        services.AddSingleton<BlameAnalyzer>();
        return services;
    }

    /// <summary>Loads every model now, so a missing or corrupt file fails start-up with its path rather than a request.</summary>
    public static void WarmUpCoachModels(this IServiceProvider services) =>
        services.GetRequiredService<BlameAnalyzer>().Analyze("You never call me back. Could we talk tonight?");
}
