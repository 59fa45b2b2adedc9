using CoachService.Core.Embeddings;
using Microsoft.Extensions.DependencyInjection;

namespace CoachService.Core.Knowledge;

internal static class KnowledgeServiceCollectionExtensions
{
    /// <summary>The articles and their vector index (read from the committed cache file when it matches).</summary>
    public static IServiceCollection AddCoachKnowledge(this IServiceCollection services)
    {
        services.AddSingleton(sp => ArticleLibrary.LoadDirectory(sp.GetCoachOptions().SeedsDirectory));
        services.AddSingleton(sp => new KnowledgeIndex(
            sp.GetRequiredService<ArticleLibrary>(),
            sp.GetRequiredService<SentenceEmbedder>(),
            Path.Combine(sp.GetCoachOptions().ModelsDirectory, KnowledgeIndex.CacheFileName)));
        return services;
    }
}
