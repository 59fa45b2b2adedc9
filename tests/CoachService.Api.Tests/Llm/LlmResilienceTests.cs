using CoachService.Core.Llm;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Testing;
using Polly.Timeout;

namespace CoachService.Api.Tests.Llm;

/// <summary>Our pipeline's settings (not Polly's behaviour): the order of the strategies and the limits they get.</summary>
public class LlmResilienceTests
{
    private static ResiliencePipeline<HttpResponseMessage> Build(LlmOptions options)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        LlmResilience.Configure(builder, options);
        return builder.Build();
    }

    [Fact]
    public void Configure_Defaults_BudgetThenRetryThenBreakerThenAttemptTimeout()
    {
        var options = new LlmOptions();

        var strategies = Build(options).GetPipelineDescriptor().Strategies;

        Assert.Collection(
            strategies,
            s => Assert.Equal(options.Budget, Assert.IsType<TimeoutStrategyOptions>(s.Options).Timeout),
            s =>
            {
                var retry = Assert.IsType<HttpRetryStrategyOptions>(s.Options);
                Assert.Equal(options.MaxRetries, retry.MaxRetryAttempts);
                Assert.True(retry.UseJitter);
                Assert.Equal(DelayBackoffType.Exponential, retry.BackoffType);
                Assert.Equal(options.RetryDelay, retry.Delay);
            },
            s =>
            {
                var breaker = Assert.IsType<HttpCircuitBreakerStrategyOptions>(s.Options);
                Assert.Equal(options.BreakDuration, breaker.BreakDuration);
                Assert.Equal(options.CircuitMinimumThroughput, breaker.MinimumThroughput);
            },
            s => Assert.Equal(options.AttemptTimeout, Assert.IsType<TimeoutStrategyOptions>(s.Options).Timeout));
    }

    [Fact]
    public async Task Configure_NoRetries_DoesNotRetryAServerError()
    {
        var pipeline = Build(new LlmOptions { MaxRetries = 0 });
        int attempts = 0;

        using var response = await pipeline.ExecuteAsync(_ =>
        {
            attempts++;
            return ValueTask.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.InternalServerError));
        });

        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task Configure_ClientError_IsNotRetried()
    {
        var pipeline = Build(new LlmOptions { RetryDelay = TimeSpan.FromMilliseconds(1) });
        int attempts = 0;

        using var response = await pipeline.ExecuteAsync(_ =>
        {
            attempts++;
            return ValueTask.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.Unauthorized));
        });

        Assert.Equal(1, attempts);
    }
}
