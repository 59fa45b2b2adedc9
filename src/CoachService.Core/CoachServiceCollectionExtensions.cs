using CoachService.Core.Text;
using CoachService.Core.Detection;
using CoachService.Core.Embeddings;
using CoachService.Core.Knowledge;
using CoachService.Core.Llm;
using CoachService.Core.Reading;
using CoachService.Core.Reflection;
using CoachService.Core.Rewriting;
using CoachService.Core.Safety;
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
    /// </summary>
    public static IServiceCollection AddCoach(this IServiceCollection services)
    {
        services.AddOptions<CoachOptions>()
            .BindConfiguration(CoachOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<LlmOptions>()
            .BindConfiguration(LlmOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // Reading: one pass of the fine-tuned encoder per message, shared by everything below.
        services.AddSingleton(_ => WordPieceTokenizer.LoadEmbedded());
        services.AddSingleton(sp => new ContextualEncoder(
            FineTunedWeights.Load(Path.Combine(Options(sp).ModelsDirectory, FineTunedWeights.FileName)), Options(sp).EncoderThreads));
        services.AddSingleton<MessageReader>();
        services.AddSingleton<SentenceEmbedder>();
        services.AddSingleton(sp => new ReadingCache(Options(sp).ReadingCacheSize, sp.GetService<TimeProvider>(), sp.GetService<SharedReadings>()));

        // Detection
        services.AddSingleton(sp => BlameClassifier.Load(Options(sp).ModelsDirectory, sp.GetRequiredService<MessageReader>()));
        services.AddSingleton(_ => BlameRule.LoadEmbedded());
        services.AddSingleton<BlameSpanFinder>();
        services.AddSingleton(sp => SafetyClassifier.Load(Options(sp).ModelsDirectory));
        services.AddSingleton(sp => new SafetyCheck(sp.GetRequiredService<SafetyClassifier>()));
        services.AddSingleton<LanguageCheck>();
        services.AddSingleton<BlameAnalyzer>();

        // Rewriting
        services.AddSingleton(_ => RewriteCatalog.LoadEmbedded());
        services.AddSingleton<RewriteChecks>();
        services.AddSingleton(sp => SituationModel.Load(Options(sp).ModelsDirectory, sp.GetRequiredService<SentenceEmbedder>()));
        services.AddSingleton<GentleRewriter>();
        services.AddSingleton<LlmRewriter>();

        // Knowledge and reflection
        services.AddSingleton(sp => ArticleLibrary.LoadDirectory(Options(sp).SeedsDirectory));
        services.AddSingleton(sp => new KnowledgeIndex(
            sp.GetRequiredService<ArticleLibrary>(),
            sp.GetRequiredService<SentenceEmbedder>(),
            Path.Combine(Options(sp).ModelsDirectory, KnowledgeIndex.CacheFileName)));
        services.AddSingleton<ExtractiveReflector>();
        services.AddSingleton<ReflectionFunctions>();
        services.AddSingleton<ReflectionGate>();
        services.AddSingleton<Reflector>();

        // Semantic Kernel and the optional LLM
        services.AddSingleton<Polly.CircuitBreaker.CircuitBreakerManualControl>();
        services.AddHttpClient(LlmOptions.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .AddResilienceHandler(LlmResilience.PipelineName, (pipeline, context) => LlmResilience.Configure(
                pipeline,
                context.ServiceProvider.GetRequiredService<IOptions<LlmOptions>>().Value,
                context.ServiceProvider.GetRequiredService<Polly.CircuitBreaker.CircuitBreakerManualControl>()));
        services.AddSingleton(CoachKernel.Build);
        services.AddSingleton<LlmGuard>();

        services.AddSingleton<MessageCoach>();
        services.AddOptions<Feedback.FeedbackOptions>()
            .BindConfiguration(Feedback.FeedbackOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<Feedback.FeedbackStore>();
        services.AddSingleton(sp => ServiceVersions.From(
            sp.GetRequiredService<BlameClassifier>(), sp.GetRequiredService<SafetyClassifier>(), sp.GetRequiredService<ArticleLibrary>()));
        return services;
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

    private static CoachOptions Options(IServiceProvider services) => services.GetRequiredService<IOptions<CoachOptions>>().Value;
}
