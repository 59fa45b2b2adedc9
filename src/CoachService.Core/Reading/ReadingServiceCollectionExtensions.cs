using CoachService.Core.Embeddings;
using Microsoft.Extensions.DependencyInjection;

namespace CoachService.Core.Reading;

internal static class ReadingServiceCollectionExtensions
{
    /// <summary>One pass of the fine-tuned encoder per message, shared by everything that reads it.</summary>
    public static IServiceCollection AddCoachReading(this IServiceCollection services)
    {
        services.AddSingleton(_ => WordPieceTokenizer.LoadEmbedded());
        services.AddSingleton(sp => new ContextualEncoder(
            FineTunedWeights.Load(Path.Combine(sp.GetCoachOptions().ModelsDirectory, FineTunedWeights.FileName)), sp.GetCoachOptions().EncoderThreads));
        services.AddSingleton(sp =>
        {
            var encoder = sp.GetRequiredService<ContextualEncoder>();
            return new MessageReader(
                sp.GetRequiredService<WordPieceTokenizer>(), encoder, SafetyHead.LoadIfPresent(sp.GetCoachOptions().ModelsDirectory, encoder.Weights?.Version ?? "base"));
        });
        services.AddSingleton<SentenceEmbedder>();
        // SharedReadings is registered only by a fleet (the API with Redis), hence GetService.
        services.AddSingleton(sp => new ReadingCache(sp.GetCoachOptions().ReadingCacheSize, sp.GetService<TimeProvider>(), sp.GetService<SharedReadings>()));
        return services;
    }
}
