using System.Net;
using System.Net.Http.Json;
using CoachService.Api.Http;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CoachService.Api.Tests.RedTeam;

/// <summary>
/// Red-team findings on the analysis slots (the slow uploads are in SlowUploadTests): nothing bounded the wait in the queue;
/// /health/ready said Healthy throughout; and the 503's detail was overwritten with "Something went wrong".
/// </summary>
public sealed class AnalysisSlotTests(ITestOutputHelper output)
{
    private static readonly object Message = new { text = "You never call me back." };

    [Fact]
    public async Task Analyze_EverySlotBusyAndNoQueue_Gets503ServerBusyWithItsOwnDetail()
    {
        await using var factory = App(new() { ["Coach:Clients:ConcurrentAnalyses"] = "1", ["Coach:Clients:QueueLimit"] = "0" });
        using var client = factory.CreateClient();
        using var held = await factory.Services.GetRequiredService<AnalysisSlots>().EnterAsync(CancellationToken.None);

        using var response = await client.PostAsJsonAsync("/v1/analyze", Message);

        var problem = await ProblemAssertions.AssertProblemAsync(response, HttpStatusCode.ServiceUnavailable, "server_busy");
        Assert.Contains("busy", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.NotNull(response.Headers.RetryAfter);
    }

    [Fact]
    public async Task Analyze_WaitingPastTheQueueTimeout_Gets503ServerBusy()
    {
        await using var factory = App(new()
        {
            ["Coach:Clients:ConcurrentAnalyses"] = "1",
            ["Coach:Clients:QueueTimeout"] = "00:00:05",
        });
        using var client = factory.CreateClient();
        var slots = factory.Services.GetRequiredService<AnalysisSlots>();
        using var held = await slots.EnterAsync(CancellationToken.None);

        var response = client.PostAsJsonAsync("/v1/analyze", Message);
        await RateLimitTests.Until(() => slots.Waiting == 1);
        factory.Clock.Advance(TimeSpan.FromSeconds(6));

        await ProblemAssertions.AssertProblemAsync(await response.WaitAsync(TimeSpan.FromSeconds(30)), HttpStatusCode.ServiceUnavailable, "server_busy");
        Assert.Equal(0, slots.Waiting);
    }

    [Fact]
    public async Task Readiness_AsTheSlotsFill_GoesDegradedThenUnhealthyThenBack()
    {
        await using var factory = App(new() { ["Coach:Clients:ConcurrentAnalyses"] = "1", ["Coach:Clients:QueueLimit"] = "1" });
        using var client = factory.CreateClient();
        var slots = factory.Services.GetRequiredService<AnalysisSlots>();
        string idle = await ReadinessAsync(client);

        var held = await slots.EnterAsync(CancellationToken.None);
        string busy = await ReadinessAsync(client);
        var waiting = client.PostAsJsonAsync("/v1/analyze", Message);
        await RateLimitTests.Until(() => slots.Waiting == 1);
        string saturated = await ReadinessAsync(client);
        held!.Dispose();
        Assert.Equal(HttpStatusCode.OK, (await waiting).StatusCode);
        string after = await ReadinessAsync(client);

        Assert.Equal(["200 Healthy", "200 Degraded", "503 Unhealthy", "200 Healthy"], new[] { idle, busy, saturated, after });
    }

    private CoachApiFactory App(Dictionary<string, string> settings) => new(new() { Settings = settings, Clock = new(), Output = output });

    private static async Task<string> ReadinessAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/health/ready");
        return $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
    }
}
