using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CoachService.Api.Tests.Llm;

/// <summary>The app with "Coach:Llm" pointing at a <see cref="FakeOpenAiServer"/>, with limits short enough for tests yet long enough for a cold first call.</summary>
public sealed class LlmApiFactory(FakeOpenAiServer llm) : WebApplicationFactory<Program>
{
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(5);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Coach:Llm:Endpoint", llm.BaseAddress.ToString());
        builder.UseSetting("Coach:Llm:Model", "fake-model");
        builder.UseSetting("Coach:Llm:ApiKey", "test-key");
        builder.UseSetting("Coach:Llm:AttemptTimeout", "00:00:02");
        builder.UseSetting("Coach:Llm:Budget", Budget.ToString());
        builder.UseSetting("Coach:Llm:RetryDelay", "00:00:00.020");
        builder.UseSetting("Coach:Llm:MaxRetries", "2");
        builder.UseSetting("Coach:Llm:BreakDuration", "00:00:30");
        builder.UseSetting("Coach:Llm:CircuitMinimumThroughput", "3");
    }
}
