using System.Net;
using System.Net.Http.Json;
using CoachService.Api.Http;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CoachService.Api.Tests.RedTeam;

/// <summary>
/// Red-team findings on the per-client limit: random or empty <c>X-Api-Key</c> values each bought a fresh budget
/// (23k requests/s, no 429, 180 MB of partitions); wrong keys were never limited or logged; a request that waited
/// for a slot cost two tokens; one global refill tick let a client spend two budgets within a second.
/// </summary>
public sealed class RateLimitTests(ITestOutputHelper output)
{
    /// <summary>The app in memory with these settings and a fake clock the test moves.</summary>
    private CoachApiFactory App(Dictionary<string, string> settings) => new(new() { Settings = settings, Clock = new(), Output = output });

    private static HttpRequestMessage Get(string? apiKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/articles");
        if (apiKey is not null)
        {
            request.Headers.TryAddWithoutValidation(ClientLimits.ApiKeyHeader, apiKey);
        }

        return request;
    }

    private static async Task<List<HttpStatusCode>> SendAsync(HttpClient client, int count, Func<string?> apiKey)
    {
        var statuses = new List<HttpStatusCode>();
        for (int i = 0; i < count; i++)
        {
            using var request = Get(apiKey());
            using var response = await client.SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }

    [Fact]
    public async Task KeysOff_ARandomApiKeyOnEachRequest_SharesTheAddressBudget()
    {
        await using var factory = App(new() { ["Coach:Clients:PermitsPerMinute"] = "5" });
        using var client = factory.CreateClient();

        var statuses = await SendAsync(client, 30, () => Guid.NewGuid().ToString("N"));

        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(25, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task KeysOff_AnEmptyApiKeyHeader_CountsAgainstTheAddress()
    {
        // On real Kestrel: the in-memory server drops a header with an empty value before the app sees it.
        using var factory = new CoachApiFactory(new() { Settings = { ["Coach:Clients:PermitsPerMinute"] = "3" }, Kestrel = true, Output = output });
        var server = factory.Start();
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(200, (await RawHttp.SendAsync(server, "GET /v1/articles HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")).Status);
        }

        var response = await RawHttp.SendAsync(server, "GET /v1/articles HTTP/1.1\r\nHost: localhost\r\nX-Api-Key: \r\nConnection: close\r\n\r\n");

        Assert.Equal(429, response.Status);
    }

    [Fact]
    public async Task KeysOff_ThousandsOfRandomKeys_TrackOneClient()
    {
        await using var factory = App(new() { ["Coach:Clients:PermitsPerMinute"] = "1000000" });
        using var client = factory.CreateClient();

        await SendAsync(client, 2000, () => Guid.NewGuid().ToString("N"));

        Assert.Equal(1, factory.Services.GetRequiredService<ClientRateLimiter>().TrackedClients);
    }

    [Fact]
    public async Task KeysOn_WrongKeys_AreRateLimitedByAddressAndLoggedWithoutTheKey()
    {
        await using var factory = App(new()
        {
            ["Coach:Clients:PermitsPerMinute"] = "3",
            ["Coach:Clients:ApiKeys:0"] = "key-for-the-journal-app",
        });
        using var client = factory.CreateClient();
        int guess = 0;

        var statuses = await SendAsync(client, 10, () => $"guess-{guess++:D4}");

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized], statuses.Take(3));
        Assert.All(statuses.Skip(3), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
        var rejections = factory.Logs.Lines.Where(l => l.Contains("api_key_invalid", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, rejections.Count);
        Assert.DoesNotContain(factory.Logs.Lines, l => l.Contains("guess-", StringComparison.Ordinal));

        // The right key has its own budget, untouched by the guesses from the same address.
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], await SendAsync(client, 3, () => "key-for-the-journal-app"));
    }

    [Fact]
    public async Task Budget_SpentAtOnce_ComesBackAPermitAtATimeNotAllAtOnce()
    {
        await using var factory = App(new() { ["Coach:Clients:PermitsPerMinute"] = "120" });
        using var client = factory.CreateClient();
        Assert.All(await SendAsync(client, 120, () => null), s => Assert.Equal(HttpStatusCode.OK, s));

        using var refused = await client.SendAsync(Get());
        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        var afterOneSecond = await SendAsync(client, 5, () => null);
        factory.Clock.Advance(TimeSpan.FromSeconds(59));
        var afterAMinute = await SendAsync(client, 130, () => null);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);
        Assert.Equal(2, afterOneSecond.Count(s => s == HttpStatusCode.OK));       // 60 s / 120 = one permit per 0.5 s
        Assert.Equal(118, afterAMinute.Count(s => s == HttpStatusCode.OK));       // never more than 120 in any minute
    }

    [Fact]
    public async Task Analyze_RequestsThatWaitForASlot_CostOneTokenEach()
    {
        await using var factory = App(new()
        {
            ["Coach:Clients:PermitsPerMinute"] = "3",
            ["Coach:Clients:ConcurrentAnalyses"] = "1",
        });
        using var client = factory.CreateClient();
        var slots = factory.Services.GetRequiredService<AnalysisSlots>();
        var held = await slots.EnterAsync(CancellationToken.None);

        var waiting = Enumerable.Range(0, 3).Select(_ => client.PostAsJsonAsync("/v1/analyze", new { text = "You never call me back." })).ToList();
        await Until(() => slots.Waiting == 3);
        held!.Dispose();
        var statuses = (await Task.WhenAll(waiting)).Select(r => r.StatusCode).ToList();

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
    }

    /// <summary>Polls (bounded) for a state the service reaches on its own.</summary>
    internal static async Task Until(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
