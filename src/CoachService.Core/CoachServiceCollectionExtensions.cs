using CoachService.Core.Detection;
using CoachService.Core.Feedback;
using CoachService.Core.Knowledge;
using CoachService.Core.Llm;
using CoachService.Core.Reading;
using CoachService.Core.Reflection;
using CoachService.Core.Rewriting;
using CoachService.Core.Safety;
using CoachService.Core.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CoachService.Core;

public static class CoachServiceCollectionExtensions
{
    /// <summary>
    /// Registers the whole coaching pipeline as singletons: models, catalogs and articles are loaded once per
    /// process, prediction engines are pooled, and the optional LLM's HttpClient carries the Polly pipeline.
    /// Each feature registers its own services; the options are validated at start-up.
    /// </summary>
    public static IServiceCollection AddCoach(this IServiceCollection services)
    {
        services.AddOptions<CoachOptions>()
            .BindConfiguration(CoachOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        // The reading cache and the feedback store share one clock; a host's or a test's own wins.
        services.TryAddSingleton(TimeProvider.System);

        return services
            .AddCoachReading()
            .AddCoachSafety()
            .AddCoachDetection()
            .AddCoachRewriting()
            .AddCoachKnowledge()
            .AddCoachReflection()
            .AddCoachLlm()
            .AddSingleton<MessageCoach>()
            .AddCoachFeedback()
            .AddSingleton(sp => ServiceVersions.From(
                sp.GetRequiredService<BlameClassifier>(), sp.GetRequiredService<SafetyClassifier>(), sp.GetRequiredService<Rewriting.SituationModel>(), sp.GetRequiredService<ArticleLibrary>(),
                sp.GetRequiredService<SectionRanker>()));
    }

    /// <summary>Loads every model, catalog, article and prompt now, so a missing or corrupt file fails start-up with its path.</summary>
    public static void WarmUpCoach(this IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);

        // Loading the MiniLM encoder takes about 2 s; the word lists, catalogs, rules, articles and the language models
        // (Lingua loads a language's model on first use), which do not need it, load alongside. Everything else
        // waits for the encoder (the models run a prediction when they load).
        Parallel.Invoke(
            () => services.GetRequiredService<MessageReader>(),
            () =>
            {
                // The word lists (a few tenths of a second, mostly compiling patterns) before anything that reads them:
                // a bad edit fails here with its entry, not later inside a type initialiser on some request.
                _ = Lexicon.Shipped;
                services.GetRequiredService<RewriteChecks>();
                services.GetRequiredService<ArticleLibrary>();
                services.GetRequiredService<LanguageCheck>().Scores("Tu ne m'écoutes jamais quand je parle.");
            });
        services.GetRequiredService<MessageCoach>().Analyze("You never call me back. Could we talk tonight?");
        services.GetRequiredService<KnowledgeIndex>();
        services.GetRequiredService<Microsoft.SemanticKernel.Kernel>();
    }

    /// <summary>
    /// The same services for programs without a host (the trainer's reports, tests, benchmarks), so there is
    /// one wiring of the pipeline. <paramref name="settings"/> are configuration keys such as "Coach:ModelsDirectory".
    /// </summary>
    public static ServiceProvider BuildCoachServices(IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? []).Build();
        return new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddCoach()
            .BuildServiceProvider();
    }

    internal static CoachOptions GetCoachOptions(this IServiceProvider services) => services.GetRequiredService<IOptions<CoachOptions>>().Value;
}
