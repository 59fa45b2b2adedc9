using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace CoachService.Core.Llm;

/// <summary>
/// The Polly pipeline around the LLM's HttpClient, outermost first: the whole budget, retries with jitter on
/// transient failures only, a circuit breaker, and a time-out per attempt.
/// </summary>
public static class LlmResilience
{
    public const string PipelineName = "llm";

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, LlmOptions options)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(options);
        pipeline
            .AddTimeout(options.Budget)
            .AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(options.MaxRetries, 1),
                ShouldHandle = options.MaxRetries == 0
                    ? _ => PredicateResult.False()
                    : new HttpRetryStrategyOptions().ShouldHandle,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryDelay,
            })
            .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
            {
                FailureRatio = 0.5,
                MinimumThroughput = options.CircuitMinimumThroughput,
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = options.BreakDuration,
            })
            .AddTimeout(options.AttemptTimeout);
    }

}
