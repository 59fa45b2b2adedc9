using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CoachService.Core.Reading;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CoachService.Api.Tests;

[Collection(CoachApiGroup.Name)]
public class BatchEndpointTests(CoachApiHost host, ITestOutputHelper output)
{
    private readonly HttpClient _client = host.For(output).CreateClient();

    private async Task<JsonElement> PostOkAsync(string path, object body)
    {
        var response = await _client.PostAsJsonAsync(path, body);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement;
    }

    [Fact]
    public async Task AnalyzeBatch_MixedItems_AnswersEachInOrderAndABadOneWithItsOwnError()
    {
        var body = await PostOkAsync("/v1/analyze/batch", new
        {
            items = new object[] { new { id = "a", text = "You never help with the dishes." }, new { text = "Thanks for dinner, it was lovely." }, new { id = "c", text = "   " } },
            clientToken = "batch-1",
        });
        var single = await PostOkAsync("/v1/analyze", new { text = "You never help with the dishes." });

        var items = body.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["a", "1", "c"], items.Select(i => i.GetProperty("id").GetString()));
        Assert.True(items[0].GetProperty("analysis").GetProperty("isBlame").GetBoolean());
        Assert.Equal(single.GetProperty("score").GetDouble(), items[0].GetProperty("analysis").GetProperty("score").GetDouble());
        Assert.False(items[1].GetProperty("analysis").GetProperty("isBlame").GetBoolean());
        Assert.Equal(JsonValueKind.Null, items[2].GetProperty("analysis").ValueKind);
        Assert.Equal("text_empty", items[2].GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("batch-1", body.GetProperty("clientToken").GetString());
        Assert.Equal(single.GetProperty("modelVersion").GetString(), body.GetProperty("modelVersion").GetString());
    }

    [Fact]
    public async Task AnalyzeBatch_DistinctNewMessages_AreReadInOneEncoderPass()
    {
        var encoder = host.Factory.Services.GetRequiredService<ContextualEncoder>();
        // Letters only: digits next to letters read as leetspeak, and the safety check would read that text again.
        string run = string.Concat(Guid.NewGuid().ToString("N")[..8].Select(c => (char)('a' + (c % 26))));
        string[] numbers = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];
        var items = numbers.Select(n => new { text = $"You never call me back when you say you will, time {n} for {run}." }).ToArray();

        long before = encoder.Passes;
        var body = await PostOkAsync("/v1/analyze/batch", new { items });

        Assert.Equal(1, encoder.Passes - before);
        Assert.Equal(12, body.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task RewriteBatch_TwoMessages_GetTheirRewritesInOrder()
    {
        var body = await PostOkAsync("/v1/rewrite/batch", new
        {
            items = new object[] { new { id = "x", text = "You never help with the dishes." }, new { id = "y", text = "Could we talk tonight?" } },
            styles = new[] { "gentle" },
            includeQuestions = false,
        });

        var items = body.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["x", "y"], items.Select(i => i.GetProperty("id").GetString()));
        Assert.NotEmpty(items[0].GetProperty("result").GetProperty("rewrites").EnumerateArray());
        Assert.Empty(items[1].GetProperty("result").GetProperty("rewrites").EnumerateArray());
        Assert.Empty(items[0].GetProperty("result").GetProperty("questions").EnumerateArray());
    }

    [Theory]
    [InlineData("{\"items\":[]}", "items_missing")]
    [InlineData("{\"text\":\"You never call\"}", "items_missing")]
    [InlineData("{\"items\":[{\"text\":\"hi there\"}],\"threshold\":2}", "invalid_option")]
    [InlineData("{\"items\":[{\"text\":\"hi there\"}],\"styles\":[\"rude\"]}", "style_unknown")]
    public async Task Batch_BadBatch_GetsAProblemWithItsCode(string json, string code)
    {
        string path = json.Contains("styles", StringComparison.Ordinal) ? "/v1/rewrite/batch" : "/v1/analyze/batch";

        var response = await _client.PostAsync(path, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        await ProblemAssertions.AssertProblemAsync(response, HttpStatusCode.BadRequest, code);
    }

    [Fact]
    public async Task Batch_OverTheItemLimit_IsRefused()
    {
        var items = Enumerable.Range(0, 51).Select(i => new { text = $"Message {i}." }).ToArray();

        var response = await _client.PostAsJsonAsync("/v1/analyze/batch", new { items });

        await ProblemAssertions.AssertProblemAsync(response, HttpStatusCode.BadRequest, "too_many_items");
    }

    [Fact]
    public async Task Batch_CostsOnePermitPerItem()
    {
        using var limited = new CoachApiFactory(new() { Settings = { ["Coach:Clients:PermitsPerMinute"] = "5" }, Clock = new(), Output = output });
        var client = limited.CreateClient();
        object Batch(int n) => new { items = Enumerable.Range(0, n).Select(i => new { text = $"Could we talk about the weekend, item {i}?" }).ToArray() };

        var tooMany = await client.PostAsJsonAsync("/v1/analyze/batch", Batch(6));
        var fits = await client.PostAsJsonAsync("/v1/analyze/batch", Batch(4));
        var spent = await client.PostAsJsonAsync("/v1/analyze", new { text = "Could we talk?" });

        await ProblemAssertions.AssertProblemAsync(tooMany, HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.Equal(HttpStatusCode.OK, fits.StatusCode);
        await ProblemAssertions.AssertProblemAsync(spent, HttpStatusCode.TooManyRequests, "rate_limited");
    }
}
