using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CoachService.Core.Feedback;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CoachService.Api.Tests;

public sealed class FeedbackTests(FeedbackTests.FeedbackOnApp feedbackOn, ITestOutputHelper output) : IClassFixture<FeedbackTests.FeedbackOnApp>, IDisposable
{
    /// <summary>Feedback on and no database: nothing is kept, so the tests that use it share one app.</summary>
    public sealed class FeedbackOnApp : IDisposable
    {
        public CoachApiFactory Factory { get; } = new(new() { Settings = { ["Coach:Feedback:Enabled"] = "true" }, Clock = new() });

        public void Dispose() => Factory.Dispose();
    }

    private readonly string _database = Path.Combine(Path.GetTempPath(), $"coach-feedback-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_database);
    }

    private CoachApiFactory App(Dictionary<string, string> settings) => new(new() { Settings = settings, Clock = new(), Output = output });

    private static async Task<JsonElement> AcceptedAsync(HttpResponseMessage response)
    {
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, text);
        return JsonDocument.Parse(text).RootElement;
    }

    [Fact]
    public async Task Feedback_ByDefault_IsOff()
    {
        using var factory = App([]);

        var response = await factory.CreateClient().PostAsJsonAsync("/v1/feedback", new { verdict = "not_blame", modelVersion = "m1" });

        await ProblemAssertions.AssertProblemAsync(response, HttpStatusCode.Forbidden, "feedback_disabled");
    }

    [Fact]
    public async Task Feedback_WithoutADatabase_IsCountedAndNothingIsKept()
    {
        var factory = feedbackOn.Factory.For(output);

        var body = await AcceptedAsync(await factory.CreateClient().PostAsJsonAsync("/v1/feedback", new { verdict = "missed_blame", modelVersion = "m1", text = "You never call.", consent = true }));

        Assert.False(body.GetProperty("kept").GetBoolean());
        Assert.False(body.GetProperty("textKept").GetBoolean());
    }

    [Fact]
    public async Task Feedback_WithADatabase_KeepsTheTextOnlyWithConsentAndDeletesItAfterTheRetention()
    {
        using var factory = App(new Dictionary<string, string>
        {
            ["Coach:Feedback:Enabled"] = "true",
            ["Coach:Feedback:Database"] = _database,
            ["Coach:Feedback:RetentionDays"] = "30",
        });
        var client = factory.CreateClient();

        var consented = await AcceptedAsync(await client.PostAsJsonAsync("/v1/feedback", new { verdict = "not_blame", ruleId = "absolute.never", modelVersion = "m1", text = "You never fail to make me laugh.", consent = true }));
        var withheld = await AcceptedAsync(await client.PostAsJsonAsync("/v1/feedback", new { verdict = "bad_rewrite", modelVersion = "m1", text = "Typical. Late again.", consent = false }));
        var store = factory.Services.GetRequiredService<FeedbackStore>();
        var before = store.Export();
        factory.Clock.Advance(TimeSpan.FromDays(31));
        var after = store.Export();

        Assert.True(consented.GetProperty("textKept").GetBoolean());
        Assert.True(withheld.GetProperty("kept").GetBoolean());
        Assert.False(withheld.GetProperty("textKept").GetBoolean());
        Assert.Equal(["not_blame", "bad_rewrite"], before.Select(r => r.Verdict));
        Assert.Equal("You never fail to make me laugh.", before[0].Text);
        Assert.Equal("absolute.never", before[0].RuleId);
        Assert.Null(before[1].Text);
        Assert.Equal(2, after.Count);
        Assert.All(after, r => Assert.Null(r.Text));
    }

    [Theory]
    [InlineData("{\"verdict\":\"wrong\",\"modelVersion\":\"m1\"}", "verdict_unknown")]
    [InlineData("{\"verdict\":\"not_blame\"}", "model_version_missing")]
    [InlineData("{\"verdict\":\"not_blame\",\"modelVersion\":\"m1\",\"ruleId\":\"no.such\"}", "invalid_option")]
    [InlineData("{\"verdict\":\"not_blame\",\"modelVersion\":\"m1\",\"text\":\"  \"}", "text_empty")]
    [InlineData("{\"verdict\":\"not_blame\",\"modelVersion\":\"m1\",\"score\":1}", "unknown_field")]
    public async Task Feedback_BadBody_GetsAProblemWithItsCode(string json, string code)
    {
        var factory = feedbackOn.Factory.For(output);

        var response = await factory.CreateClient().PostAsync("/v1/feedback", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        await ProblemAssertions.AssertProblemAsync(response, HttpStatusCode.BadRequest, code);
    }
}
