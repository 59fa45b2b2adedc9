using System.Net;
using System.Net.Http.Json;
using Xunit.Abstractions;

namespace CoachService.Api.Tests;

public class ClientLimitsTests(ITestOutputHelper output)
{
    private CoachApiFactory App(Dictionary<string, string> settings) => new(new() { Settings = settings, Output = output });

    [Fact]
    public async Task Analyze_ClientOverItsLimit_Gets429WithRetryAfter()
    {
        await using var factory = App(new() { ["Coach:Clients:PermitsPerMinute"] = "3" });
        using var client = factory.CreateClient();
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/v1/analyze", new { text = "hello there" })).StatusCode);
        }

        var response = await client.PostAsJsonAsync("/v1/analyze", new { text = "hello there" });

        await ProblemAssertions.AssertProblemAsync(response, HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After is missing");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task ApiKeys_Configured_AreRequiredOnTheApiButNotOnThePageOrHealth()
    {
        await using var factory = App(new() { ["Coach:Clients:ApiKeys:0"] = "key-for-the-journal-app" });
        using var client = factory.CreateClient();

        await ProblemAssertions.AssertProblemAsync(
            await client.PostAsJsonAsync("/v1/analyze", new { text = "hi" }), HttpStatusCode.Unauthorized, "api_key_missing");
        using var wrong = new HttpRequestMessage(HttpMethod.Post, "/v1/analyze") { Content = JsonContent.Create(new { text = "hi" }) };
        wrong.Headers.Add("X-Api-Key", "guess");
        await ProblemAssertions.AssertProblemAsync(await client.SendAsync(wrong), HttpStatusCode.Unauthorized, "api_key_invalid");
        using var right = new HttpRequestMessage(HttpMethod.Post, "/v1/analyze") { Content = JsonContent.Create(new { text = "hi" }) };
        right.Headers.Add("X-Api-Key", "key-for-the-journal-app");

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(right)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task Startup_MissingModelsDirectory_FailsWithThePath()
    {
        string missing = Path.Combine(Path.GetTempPath(), "coach-missing-models-" + Guid.NewGuid().ToString("N"));
        await using var factory = App(new() { ["Coach:ModelsDirectory"] = missing });

        var ex = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains(missing, ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Startup_MalformedArticle_FailsNamingTheFileAndLine()
    {
        var folder = Directory.CreateTempSubdirectory("coach-seeds-");
        try
        {
            string seeds = folder.FullName;
            File.WriteAllLines(Path.Combine(seeds, "broken.md"), ["---", "id: broken", "title: Broken", "summary: S", "---", "## No id here", "Text."]);
            await using var factory = App(new() { ["Coach:SeedsDirectory"] = seeds });

            var ex = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

            Assert.Contains("broken.md:6:", ex.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
