using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;

namespace CoachService.Core.Llm;

internal static class LlmServiceCollectionExtensions
{
    /// <summary>
    /// Semantic Kernel and the optional LLM: its options (validated at start), the HttpClient carrying the Polly
    /// pipeline, and the guard that spends the budget and falls back to the embedded engines.
    /// </summary>
    public static IServiceCollection AddCoachLlm(this IServiceCollection services)
    {
        services.AddOptions<LlmOptions>()
            .BindConfiguration(LlmOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<CircuitBreakerManualControl>();
        services.AddHttpClient(LlmOptions.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .AddResilienceHandler(LlmResilience.PipelineName, (pipeline, context) => LlmResilience.Configure(
                pipeline,
                context.ServiceProvider.GetRequiredService<IOptions<LlmOptions>>().Value,
                context.ServiceProvider.GetRequiredService<CircuitBreakerManualControl>()));
        services.AddSingleton(CoachKernel.Build);
        services.AddSingleton<LlmGuard>();
        return services;
    }
}
