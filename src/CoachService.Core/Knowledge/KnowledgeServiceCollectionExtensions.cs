using CoachService.Core.Embeddings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CoachService.Core.Knowledge;

internal static partial class KnowledgeServiceCollectionExtensions
{
    /// <summary>The articles, their section ranker and their vector index (read from the committed cache file when it matches).</summary>
    public static IServiceCollection AddCoachKnowledge(this IServiceCollection services)
    {
        services.AddSingleton(sp => ArticleLibrary.LoadDirectory(sp.GetCoachOptions().SeedsDirectory));
        services.AddSingleton(sp => SectionRanker.Load(sp.GetCoachOptions().ModelsDirectory));
        services.AddSingleton(sp =>
        {
            var index = new KnowledgeIndex(
                sp.GetRequiredService<ArticleLibrary>(),
                sp.GetRequiredService<SentenceEmbedder>(),
                Path.Combine(sp.GetCoachOptions().ModelsDirectory, KnowledgeIndex.CacheFileName),
                sp.GetRequiredService<SectionRanker>());
            if (!index.RankedByModel)
            {
                RankerNotUsed(sp.GetRequiredService<ILoggerFactory>().CreateLogger<KnowledgeIndex>(), sp.GetCoachOptions().ModelsDirectory);
            }

            return index;
        });
        return services;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The section ranker in {ModelsDirectory} was not trained on these articles; sections are ranked by similarity. Run the trainer's index step to train it.")]
    private static partial void RankerNotUsed(ILogger logger, string modelsDirectory);
}
