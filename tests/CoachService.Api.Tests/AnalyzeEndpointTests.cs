using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Xunit.Abstractions;

namespace CoachService.Api.Tests;

[Collection(CoachApiGroup.Name)]
public class AnalyzeEndpointTests(CoachApiHost host, ITestOutputHelper output)
{
    private readonly HttpClient _client = host.For(output).CreateClient();

    private Task<HttpResponseMessage> PostRawAsync(string body, string contentType = "application/json") =>
        _client.PostAsync("/v1/analyze", new StringContent(body, Encoding.UTF8, contentType));

    [Fact]
    public async Task Analyze_BlamingMessage_ReturnsSentencesAndMatchesThatPointIntoTheText()
    {
        const string text = "Thanks for dinner 😊. You never help with the dishes though.";

        var response = await _client.PostAsJsonAsync("/v1/analyze", new { text });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(body.GetProperty("isBlame").GetBoolean(), body.ToString());
        Assert.Contains("absolute", body.GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
        var sentences = body.GetProperty("sentences").EnumerateArray().ToList();
        Assert.Equal(2, sentences.Count);
        Assert.False(sentences[0].GetProperty("isBlame").GetBoolean());
        Assert.Equal("none", sentences[0].GetProperty("category").GetString());
        Assert.True(sentences[1].GetProperty("isBlame").GetBoolean());
        Assert.Equal(
            sentences.Max(s => s.GetProperty("score").GetDouble()),
            body.GetProperty("score").GetDouble());
        var match = body.GetProperty("matches").EnumerateArray().Single(m => m.GetProperty("ruleId").GetString() == "absolute.never");
        int offset = match.GetProperty("offset").GetInt32();
        int length = match.GetProperty("length").GetInt32();
        Assert.Equal(text.Substring(offset, length), match.GetProperty("text").GetString());
        Assert.Contains("never", match.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.True(offset >= sentences[1].GetProperty("offset").GetInt32(), "the highlight lies in the blaming sentence");
        Assert.False(string.IsNullOrWhiteSpace(match.GetProperty("message").GetString()));
        Assert.False(body.GetProperty("safety").GetProperty("flagged").GetBoolean());
        Assert.Equal("none", body.GetProperty("safety").GetProperty("level").GetString());
        Assert.Equal("none", body.GetProperty("safety").GetProperty("kind").GetString());
        Assert.Empty(body.GetProperty("warnings").EnumerateArray());
        Assert.Equal("en", body.GetProperty("language").GetString());
        Assert.False(body.GetProperty("unsure").GetBoolean());
    }

    [Fact]
    public async Task Analyze_KindMessage_ReturnsNoBlame()
    {
        var response = await _client.PostAsJsonAsync("/v1/analyze", new { text = "You always make me laugh" });

        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(body.GetProperty("isBlame").GetBoolean());
        Assert.Empty(body.GetProperty("matches").EnumerateArray());
        Assert.Empty(body.GetProperty("categories").EnumerateArray());
    }

    [Fact]
    public async Task Analyze_SelfHarmMessage_IsFlaggedWithHelp()
    {
        var response = await _client.PostAsJsonAsync("/v1/analyze", new { text = "if you leave I'll hurt myself" });

        var safety = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("safety");
        Assert.True(safety.GetProperty("flagged").GetBoolean());
        Assert.Equal("danger", safety.GetProperty("level").GetString());
        Assert.Equal("self_harm", safety.GetProperty("kind").GetString());
        Assert.Contains("crisis line", safety.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_FrenchMessage_NamesTheLanguageAndWarns()
    {
        var response = await _client.PostAsJsonAsync("/v1/analyze", new { text = "Tu ne m'écoutes jamais quand je te parle de mon travail." });

        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("fr", body.GetProperty("language").GetString());
        Assert.Contains("does not look like English", body.GetProperty("warnings")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_NonEnglishMessage_AnswersWithAWarning()
    {
        var response = await _client.PostAsJsonAsync("/v1/analyze", new { text = "Ты никогда меня не слушаешь" });

        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(body.GetProperty("warnings").EnumerateArray());
    }

    [Theory]
    [InlineData("""{"text":""}""")]
    [InlineData("""{"text":"   \n\t  "}""")]
    public async Task Analyze_EmptyText_ReturnsTextEmpty(string body)
    {
        await ProblemAssertions.AssertProblemAsync(await PostRawAsync(body), HttpStatusCode.BadRequest, "text_empty");
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"text":null}""")]
    [InlineData("""{"message":"You never call"}""")]
    public async Task Analyze_NoText_ReturnsTextMissing(string body)
    {
        await ProblemAssertions.AssertProblemAsync(await PostRawAsync(body), HttpStatusCode.BadRequest, "text_missing");
    }

    [Fact]
    public async Task Analyze_TextOverTheLimit_ReturnsTextTooLong()
    {
        var response = await _client.PostAsJsonAsync("/v1/analyze", new { text = new string('a', 1001) });

        var problem = await ProblemAssertions.AssertProblemAsync(response, HttpStatusCode.BadRequest, "text_too_long");
        Assert.Contains("1000", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_TooManySentences_ReturnsTooManySentences()
    {
        var response = await _client.PostAsJsonAsync("/v1/analyze", new { text = string.Concat(Enumerable.Repeat("Why? ", 21)) });

        await ProblemAssertions.AssertProblemAsync(response, HttpStatusCode.BadRequest, "too_many_sentences");
    }

    [Theory]
    [InlineData("""{"text": "You never""")]
    [InlineData("not json at all")]
    [InlineData("""{"text": 42}""")]
    [InlineData("""{"text": ["a","b"]}""")]
    [InlineData("null")]
    [InlineData("")]
    public async Task Analyze_MalformedOrMistypedJson_ReturnsInvalidJson(string body)
    {
        var problem = await ProblemAssertions.AssertProblemAsync(await PostRawAsync(body), HttpStatusCode.BadRequest, "invalid_json");

        Assert.DoesNotContain("You never", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task Analyze_WrongContentType_ReturnsUnsupportedMediaType(string contentType)
    {
        await ProblemAssertions.AssertProblemAsync(
            await PostRawAsync("""{"text":"hi"}""", contentType), HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
    }

    [Fact]
    public async Task Analyze_BodyOverTheByteLimit_ReturnsPayloadTooLarge()
    {
        string body = JsonSerializer.Serialize(new { text = new string('x', 1024 * 1024) });

        await ProblemAssertions.AssertProblemAsync(await PostRawAsync(body), HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
    }

    [Fact]
    public async Task UnknownRoute_ReturnsProblemWithNotFoundCode()
    {
        await ProblemAssertions.AssertProblemAsync(await _client.GetAsync("/v1/nothing-here"), HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Analyze_WrongMethod_ReturnsProblemWithMethodNotAllowedCode()
    {
        await ProblemAssertions.AssertProblemAsync(await _client.GetAsync("/v1/analyze"), HttpStatusCode.MethodNotAllowed, "method_not_allowed");
    }

    [Fact]
    public async Task Version_ListsEveryModelAndTheArticles_AndEveryAnalysisNamesItsModel()
    {
        var version = JsonDocument.Parse(await _client.GetStringAsync("/v1/version")).RootElement;
        var analysis = JsonDocument.Parse(await (await _client.PostAsJsonAsync("/v1/analyze", new { text = "You never call me back." })).Content.ReadAsStringAsync()).RootElement;
        var rewrite = JsonDocument.Parse(await (await _client.PostAsJsonAsync("/v1/rewrite", new { text = "You never call me back." })).Content.ReadAsStringAsync()).RootElement;

        foreach (var field in new[] { "service", "model", "dataHash", "encoder", "safety", "clauses", "articles", "sections" })
        {
            Assert.False(string.IsNullOrWhiteSpace(version.GetProperty(field).GetString()), field);
        }

        string model = version.GetProperty("model").GetString()!;
        Assert.StartsWith(version.GetProperty("encoder").GetString() + ".", model, StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{64}$", version.GetProperty("dataHash").GetString());
        Assert.Matches("^[0-9a-f]{12}$", version.GetProperty("articles").GetString());
        Assert.Matches("^[0-9a-f]{12}$", version.GetProperty("clauses").GetString());
        Assert.Matches("^[0-9a-f]{12}$", version.GetProperty("sections").GetString());
        Assert.Equal(model, analysis.GetProperty("modelVersion").GetString());
        Assert.Equal(model, rewrite.GetProperty("analysis").GetProperty("modelVersion").GetString());
    }

    private async Task<JsonElement> AnalyzeAsync(object body)
    {
        var response = await _client.PostAsJsonAsync("/v1/analyze", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    [Fact]
    public async Task Options_Threshold_MovesWhereASentenceCountsAsBlame()
    {
        const string text = "You never help with the dishes.";
        double score = (await AnalyzeAsync(new { text })).GetProperty("score").GetDouble();

        var strict = await AnalyzeAsync(new { text, threshold = Math.Min(1.0, score + 0.001) });
        var lenient = await AnalyzeAsync(new { text = "Could we talk tonight?", threshold = 0.0 });

        Assert.True(score < 1.0, $"score {score}");
        Assert.False(strict.GetProperty("isBlame").GetBoolean());
        Assert.Empty(strict.GetProperty("matches").EnumerateArray());
        Assert.True(lenient.GetProperty("isBlame").GetBoolean());
    }

    [Fact]
    public async Task Options_CategoriesAndDisabledRules_LeaveOutWhatTheCallerTurnedOff()
    {
        const string text = "You never help with the dishes.";
        var all = await AnalyzeAsync(new { text });
        string category = all.GetProperty("sentences")[0].GetProperty("category").GetString()!;
        var rules = all.GetProperty("matches").EnumerateArray().Select(m => m.GetProperty("ruleId").GetString()!).Distinct().ToList();
        string other = category == "demand" ? "character" : "demand";

        var onlyItsCategory = await AnalyzeAsync(new { text, categories = new[] { category } });
        var onlyAnother = await AnalyzeAsync(new { text, categories = new[] { other } });
        var rulesOff = await AnalyzeAsync(new { text, disabledRules = rules });

        Assert.True(all.GetProperty("isBlame").GetBoolean());
        Assert.NotEmpty(rules);
        Assert.True(onlyItsCategory.GetProperty("isBlame").GetBoolean());
        Assert.False(onlyAnother.GetProperty("isBlame").GetBoolean());
        Assert.Equal("none", onlyAnother.GetProperty("sentences")[0].GetProperty("category").GetString());
        Assert.False(rulesOff.GetProperty("isBlame").GetBoolean());
        Assert.Empty(rulesOff.GetProperty("matches").EnumerateArray());
    }

    [Fact]
    public async Task Options_ClientToken_IsEchoedOnAnalyzeAndRewrite()
    {
        var analysis = await AnalyzeAsync(new { text = "You never call me back.", clientToken = "draft-42" });
        var rewrite = JsonDocument.Parse(await (await _client.PostAsJsonAsync("/v1/rewrite", new { text = "You never call me back.", clientToken = "draft-43", includeQuestions = false })).Content.ReadAsStringAsync()).RootElement;
        var without = await AnalyzeAsync(new { text = "You never call me back." });

        Assert.Equal("draft-42", analysis.GetProperty("clientToken").GetString());
        Assert.Equal("draft-43", rewrite.GetProperty("clientToken").GetString());
        Assert.Equal("draft-43", rewrite.GetProperty("analysis").GetProperty("clientToken").GetString());
        Assert.Equal(JsonValueKind.Null, without.GetProperty("clientToken").ValueKind);
    }

    [Fact]
    public async Task Options_ALowThresholdOrCategoriesLeftOut_NeverRewriteAKindSentenceOrCallTheMessageKind()
    {
        async Task<JsonElement> RewriteAsync(object body) =>
            JsonDocument.Parse(await (await _client.PostAsJsonAsync("/v1/rewrite", body)).Content.ReadAsStringAsync()).RootElement;

        var lowThreshold = await RewriteAsync(new { text = "Could we talk tonight? I love you.", threshold = 0.0, includeQuestions = false });
        var categoryLeftOut = await RewriteAsync(new { text = "You never help with the dishes.", categories = new[] { "demand" }, includeQuestions = false });

        Assert.True(lowThreshold.GetProperty("analysis").GetProperty("isBlame").GetBoolean());
        Assert.Empty(lowThreshold.GetProperty("rewrites").EnumerateArray());
        Assert.Equal(Core.Rewriting.GentleRewriter.CallerOptionsNote, lowThreshold.GetProperty("note").GetString());
        Assert.Empty(categoryLeftOut.GetProperty("rewrites").EnumerateArray());
        Assert.Equal(Core.Rewriting.GentleRewriter.CallerOptionsNote, categoryLeftOut.GetProperty("note").GetString());
    }
}
