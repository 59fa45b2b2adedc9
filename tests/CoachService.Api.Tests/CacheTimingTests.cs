using System.Diagnostics;
using System.Net.Http.Json;
using Xunit.Abstractions;

namespace CoachService.Api.Tests;

/// <summary>
/// The red team's timing oracle: a message another client checked recently must not answer faster than one
/// nobody has sent, or a stranger could confirm a guess at someone's private message by timing the reply.
/// Readings are cached per client, so the stranger's guess costs a full reading either way.
/// </summary>
public sealed class CacheTimingTests(ITestOutputHelper output) : IDisposable
{
    private const string Victim = "victim-key-0001";
    private const string Stranger = "stranger-key-0002";
    private readonly CoachApiFactory _factory = new(new()
    {
        Settings = { ["Coach:Clients:ApiKeys:0"] = Victim, ["Coach:Clients:ApiKeys:1"] = Stranger },
        Output = output,
    });

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Analyze_MessageAnotherClientSent_TakesAsLongAsOneNobodySent()
    {
        using var victim = Client(Victim);
        using var stranger = Client(Stranger);
        const int Probes = 16;
        var guesses = Enumerable.Range(0, Probes).Select(i => $"I'm leaving you for Sam {i}, I have packed the car and I am not coming back tonight.").ToList();
        var fresh = Enumerable.Range(0, Probes).Select(i => $"I'm leaving you for Alex {i}, I have packed the car and I am not coming back tonight.").ToList();
        foreach (var guess in guesses)
        {
            (await victim.PostAsJsonAsync("/v1/analyze", new { text = guess })).EnsureSuccessStatusCode();
        }

        // Warm the stranger's path once, then interleave guesses and fresh messages so drift hits both alike.
        (await stranger.PostAsJsonAsync("/v1/analyze", new { text = "Warm-up message for the stranger." })).EnsureSuccessStatusCode();
        var guessTimes = new List<double>();
        var freshTimes = new List<double>();
        for (int i = 0; i < Probes; i++)
        {
            guessTimes.Add(await TimeAsync(stranger, guesses[i]));
            freshTimes.Add(await TimeAsync(stranger, fresh[i]));
        }

        // With one shared cache a guess answered ~7x faster; per-client entries leave both at a full reading.
        double ratio = Median(guessTimes) / Median(freshTimes);
        Assert.True(ratio > 0.6, $"median guess {Median(guessTimes):F2} ms vs fresh {Median(freshTimes):F2} ms (ratio {ratio:F2})");
    }

    [Fact]
    public async Task Analyze_SameClientRepeats_IsServedFromItsOwnCache()
    {
        using var victim = Client(Victim);
        const string text = "You never call me back when you say you will.";

        var first = await victim.PostAsJsonAsync("/v1/analyze", new { text });
        var second = await victim.PostAsJsonAsync("/v1/analyze", new { text });

        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
    }

    private HttpClient Client(string key)
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    private static async Task<double> TimeAsync(HttpClient client, string text)
    {
        var watch = Stopwatch.StartNew();
        (await client.PostAsJsonAsync("/v1/analyze", new { text })).EnsureSuccessStatusCode();
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
