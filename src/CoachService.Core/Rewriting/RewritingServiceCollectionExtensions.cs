using CoachService.Core.Embeddings;
using Microsoft.Extensions.DependencyInjection;

namespace CoachService.Core.Rewriting;

internal static class RewritingServiceCollectionExtensions
{
    /// <summary>The template rewriter with its catalog, checks and clause model, and the LLM rewriter that falls back to it.</summary>
    public static IServiceCollection AddCoachRewriting(this IServiceCollection services)
    {
        services.AddSingleton(_ => RewriteCatalog.LoadEmbedded());
        services.AddSingleton<RewriteChecks>();
        services.AddSingleton(sp => SituationModel.Load(sp.GetCoachOptions().ModelsDirectory, sp.GetRequiredService<SentenceEmbedder>()));
        services.AddSingleton<GentleRewriter>();
        services.AddSingleton<LlmRewriter>();
        return services;
    }
}
