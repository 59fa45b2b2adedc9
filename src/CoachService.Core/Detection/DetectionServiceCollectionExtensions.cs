using CoachService.Core.Reading;
using CoachService.Core.Text;
using Microsoft.Extensions.DependencyInjection;

namespace CoachService.Core.Detection;

internal static class DetectionServiceCollectionExtensions
{
    /// <summary>The blame deciders, the rules that name the words, the language check, and the analyzer over them.</summary>
    public static IServiceCollection AddCoachDetection(this IServiceCollection services)
    {
        services.AddSingleton(sp => BlameClassifier.Load(sp.GetCoachOptions().ModelsDirectory, sp.GetRequiredService<MessageReader>()));
        services.AddSingleton(_ => BlameRule.LoadEmbedded());
        services.AddSingleton<BlameSpanFinder>();
        services.AddSingleton<LanguageCheck>();
        services.AddSingleton<BlameAnalyzer>();
        return services;
    }
}
