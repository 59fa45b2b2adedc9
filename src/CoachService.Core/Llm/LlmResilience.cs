using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.CircuitBreaker;

namespace CoachService.Core.Llm;

/// <summary>
/// The Polly pipeline around the LLM's HttpClient, outermost first: the whole budget, retries with jitter on
/// transient failures only, a circuit breaker, and a time-out per attempt. The breaker's manual control, when
/// given, lets its holder close the circuit by hand (the service registers one; the tests' shared LLM app uses it
/// to start every test with a closed circuit and no failures counted).
/// </summary>
public static class LlmResilience
{
    public const string PipelineName = "llm";

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, LlmOptions options, CircuitBreakerManualControl? manualControl = null)
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
                ManualControl = manualControl,
            })
            .AddTimeout(options.AttemptTimeout);
    }

}
