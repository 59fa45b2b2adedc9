using Microsoft.Extensions.DependencyInjection;
using Polly.CircuitBreaker;
using Xunit.Abstractions;

namespace CoachService.Api.Tests.Llm;

/// <summary>
/// The app with "Coach:Llm" pointing at a <see cref="FakeOpenAiServer"/>, booted once for all the LLM tests, on a
/// fake clock so a test spends the LLM's budget without waiting for it. Every test starts from <see cref="ResetAsync"/>.
/// </summary>
public sealed class LlmApp : IAsyncLifetime
{
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(5);

    public FakeOpenAiServer Llm { get; private set; } = null!;

    public CoachApiFactory Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Llm = await FakeOpenAiServer.StartAsync();
        Factory = new CoachApiFactory(new()
        {
            Settings =
            {
                ["Coach:Llm:Endpoint"] = Llm.BaseAddress.ToString(),
                ["Coach:Llm:Model"] = "fake-model",
                ["Coach:Llm:ApiKey"] = "test-key",
                ["Coach:Llm:AttemptTimeout"] = "00:00:02",
                ["Coach:Llm:Budget"] = Budget.ToString(),
                // Retries follow at once: the fake clock moves only when a test moves it.
                ["Coach:Llm:RetryDelay"] = "00:00:00",
                ["Coach:Llm:MaxRetries"] = "2",
                ["Coach:Llm:BreakDuration"] = "00:00:30",
                ["Coach:Llm:CircuitMinimumThroughput"] = "3",
            },
            Clock = new(),
        });
    }

    /// <summary>A fake LLM that answers with no questions, no call counted, and a closed circuit with no failure counted.</summary>
    public async Task ResetAsync(ITestOutputHelper output)
    {
        Llm.Reset();
        Factory.Output = output;
        await Factory.Services.GetRequiredService<CircuitBreakerManualControl>().CloseAsync();
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Llm.DisposeAsync();
    }
}
