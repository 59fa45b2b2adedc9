using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CoachService.Core.Data;
using CoachService.Core.Reflection;
using Xunit.Abstractions;

namespace CoachService.Api.Tests;

[Collection(CoachApiGroup.Name)]
public class CoachingEndpointTests(CoachApiHost host, ITestOutputHelper output)
{
    private readonly HttpClient _client = host.For(output).CreateClient();

    private async Task<JsonElement> PostAsync(string path, object body)
    {
        var response = await _client.PostAsJsonAsync(path, body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    [Fact]
    public async Task Rewrite_BlamingMessage_ReturnsEachStyleWithComponentsAndCitedQuestions()
    {
        var body = await PostAsync("/v1/rewrite", new { text = "Thanks for cooking. You never helped with the dishes last night." });

        Assert.True(body.GetProperty("analysis").GetProperty("isBlame").GetBoolean());
        var rewrites = body.GetProperty("rewrites").EnumerateArray().ToList();
        Assert.Equal(["gentle", "brief", "warm"], rewrites.Select(r => r.GetProperty("style").GetString()));
        Assert.All(rewrites, r =>
        {
            Assert.Contains("dishes", r.GetProperty("text").GetString(), StringComparison.Ordinal);
            Assert.InRange(r.GetProperty("blameScore").GetDouble(), 0, 0.99);
            var c = r.GetProperty("components");
            Assert.All(new[] { "feeling", "situation", "request" }, p => Assert.False(string.IsNullOrWhiteSpace(c.GetProperty(p).GetString())));
            // No stock need is stated; the need field is there, empty.
            Assert.Equal(JsonValueKind.String, c.GetProperty("need").ValueKind);
            // One evening in the past is not asked for again: the ask is to talk about it.
            Assert.Equal("Could we talk about it?", c.GetProperty("request").GetString());
        });
        Assert.InRange(body.GetProperty("questions").GetArrayLength(), 1, 3);
        Assert.Equal("template", body.GetProperty("engine").GetProperty("rewrite").GetString());
        Assert.Equal("extractive", body.GetProperty("engine").GetProperty("questions").GetString());
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("requestId").GetString()));
        Assert.Equal(JsonValueKind.Null, body.GetProperty("note").ValueKind);
    }

    [Fact]
    public async Task Rewrite_ChosenStylesWithoutQuestions_ReturnsOnlyThose()
    {
        var body = await PostAsync("/v1/rewrite", new { text = "ur always on ur phone at dinner", styles = new[] { "brief" }, includeQuestions = false });

        Assert.Equal("brief", Assert.Single(body.GetProperty("rewrites").EnumerateArray()).GetProperty("style").GetString());
        Assert.Empty(body.GetProperty("questions").EnumerateArray());
        Assert.Equal("none", body.GetProperty("engine").GetProperty("questions").GetString());
    }

    [Fact]
    public async Task Rewrite_KindMessage_ReturnsNoRewritesAndANote()
    {
        var body = await PostAsync("/v1/rewrite", new { text = "You always make me laugh" });

        Assert.Empty(body.GetProperty("rewrites").EnumerateArray());
        Assert.Contains("didn't find blame", body.GetProperty("note").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rewrite_SpanishMessage_ReturnsNoRewriteAndSaysWhy()
    {
        var body = await PostAsync("/v1/rewrite", new { text = "Nunca me escuchas cuando te hablo de mi trabajo." });

        Assert.Equal("es", body.GetProperty("analysis").GetProperty("language").GetString());
        Assert.Empty(body.GetProperty("rewrites").EnumerateArray());
        Assert.Empty(body.GetProperty("questions").EnumerateArray());
        Assert.Contains("only understands English", body.GetProperty("note").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reflect_BlamingMessage_AsksAboutTheSendersOwnSituation()
    {
        var body = await PostAsync("/v1/reflect", new { text = "You never help with the dishes." });

        var questions = body.GetProperty("questions").EnumerateArray().Select(q => q.GetProperty("text").GetString()!).ToList();
        Assert.Equal(3, questions.Count);
        Assert.All(questions, q => Assert.StartsWith("When they don't help with the dishes, ", q, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reflect_GoodbyeNote_GivesHelpAndNoQuestions()
    {
        var body = await PostAsync("/v1/reflect", new { text = "I'm sorry for everything. Please look after the dog for me. Goodbye." });

        Assert.Empty(body.GetProperty("questions").EnumerateArray());
        Assert.Contains("crisis line", body.GetProperty("note").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rewrite_SafetyFlaggedMessage_ReturnsHelpInsteadOfARewrite()
    {
        var body = await PostAsync("/v1/rewrite", new { text = "You never listen. If you leave I'll hurt myself." });

        Assert.True(body.GetProperty("analysis").GetProperty("safety").GetProperty("flagged").GetBoolean());
        Assert.Equal("danger", body.GetProperty("analysis").GetProperty("safety").GetProperty("level").GetString());
        Assert.Empty(body.GetProperty("rewrites").EnumerateArray());
        Assert.Empty(body.GetProperty("questions").EnumerateArray());
        Assert.Contains("crisis line", body.GetProperty("note").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"text":"You never call","styles":["angry"]}""")]
    [InlineData("""{"text":"You never call","styles":[]}""")]
    public async Task Rewrite_UnknownStyle_ReturnsStyleUnknown(string json)
    {
        var response = await _client.PostAsync("/v1/rewrite", new StringContent(json, Encoding.UTF8, "application/json"));

        await ProblemAssertions.AssertProblemAsync(response, HttpStatusCode.BadRequest, "style_unknown");
    }

    [Theory]
    [InlineData("/v1/rewrite", """{"text":"  "}""", "text_empty")]
    [InlineData("/v1/reflect", """{"text":""}""", "text_empty")]
    [InlineData("/v1/rewrite", """{"text": 5}""", "invalid_json")]
    [InlineData("/v1/reflect", "{", "invalid_json")]
    [InlineData("/v1/reflect", "{}", "text_missing")]
    public async Task CoachingEndpoints_BadInput_ReturnProblemCodes(string path, string json, string code)
    {
        var response = await _client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

        await ProblemAssertions.AssertProblemAsync(response, HttpStatusCode.BadRequest, code);
    }

    [Fact]
    public async Task Reflect_Message_ReturnsOneToThreeQuestionsFromTheExtractiveEngine()
    {
        var body = await PostAsync("/v1/reflect", new { text = "You never text back when you're out with the boys." });

        Assert.Equal("extractive", body.GetProperty("engine").GetString());
        Assert.InRange(body.GetProperty("questions").GetArrayLength(), 1, 3);
    }

    [Fact]
    public async Task Reflect_NoQuestionFitsTheMessage_SaysSoInsteadOfAskingOneBesideThePoint()
    {
        var body = await PostAsync("/v1/reflect", new { text = "Unbelievable. Honestly, you are unbelievable." });

        Assert.Empty(body.GetProperty("questions").EnumerateArray());
        Assert.Equal(Reflector.NoFittingQuestionNote, body.GetProperty("note").GetString());
    }

    [Fact]
    public async Task Reflect_KindMessageWithNoQuestion_IsToldItReadsKindly()
    {
        var body = await PostAsync("/v1/reflect", new { text = "Thanks for cooking last night, it was lovely." });

        Assert.Empty(body.GetProperty("questions").EnumerateArray());
        Assert.Equal(Core.Rewriting.GentleRewriter.AlreadyKindNote, body.GetProperty("note").GetString());
    }

    [Fact]
    public async Task Rewrite_KindMessage_IsAskedNoQuestionThatAssumesAComplaint()
    {
        var body = await PostAsync("/v1/rewrite", new { text = "I appreciate you doing the dishes every night." });

        Assert.Equal(Core.Rewriting.GentleRewriter.AlreadyKindNote, body.GetProperty("note").GetString());
        Assert.Empty(body.GetProperty("questions").EnumerateArray());
    }

    [Fact]
    public async Task Articles_List_HasEveryArticleWithSections()
    {
        var articles = JsonDocument.Parse(await _client.GetStringAsync("/v1/articles")).RootElement.EnumerateArray().ToList();

        Assert.True(articles.Count >= 8);
        Assert.All(articles, a => Assert.NotEmpty(a.GetProperty("sections").EnumerateArray()));
    }

    [Fact]
    public async Task Articles_UnknownId_ReturnsArticleNotFound()
    {
        await ProblemAssertions.AssertProblemAsync(await _client.GetAsync("/v1/articles/no-such-article"), HttpStatusCode.NotFound, "article_not_found");
    }

    /// <summary>Walks many messages; every question ends with "?" and its citation resolves to a section containing the excerpt.</summary>
    [Fact]
    public async Task Rewrite_ManyMessages_EveryQuestionCitesRealArticleText()
    {
        var messages = JsonLines.Read<JsonElement>(Path.Combine(RepositoryPaths.Models, "eval", "rewrite-messages.jsonl"))
            .Select(e => e.GetProperty("text").GetString()!)
            .Where((_, i) => i % 6 == 0)
            .Concat(["Thanks for the flowers, they're lovely", "can you pick up milk?", "I feel lonely in the evenings lately"])
            .ToList();
        var articles = new Dictionary<string, JsonElement>();
        int questions = 0;

        foreach (var text in messages)
        {
            var body = await PostAsync("/v1/rewrite", new { text, includeQuestions = true });
            foreach (var question in body.GetProperty("questions").EnumerateArray())
            {
                questions++;
                Assert.EndsWith("?", question.GetProperty("text").GetString(), StringComparison.Ordinal);
                var citation = question.GetProperty("citation");
                string articleId = citation.GetProperty("articleId").GetString()!;
                if (!articles.TryGetValue(articleId, out var article))
                {
                    var response = await _client.GetAsync($"/v1/articles/{articleId}");
                    Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                    article = articles[articleId] = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
                }

                Assert.Equal(article.GetProperty("title").GetString(), citation.GetProperty("articleTitle").GetString());
                var section = article.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("id").GetString() == citation.GetProperty("sectionId").GetString());
                Assert.Equal(section.GetProperty("heading").GetString(), citation.GetProperty("sectionHeading").GetString());
                string sectionText = string.Join("\n\n", section.GetProperty("paragraphs").EnumerateArray().Select(p => p.GetString()));
                Assert.Contains(citation.GetProperty("excerpt").GetString()!, sectionText, StringComparison.Ordinal);
                // Written in the section as it is, or composed from one of its patterns with the sender's situation in the slot.
                string asked = question.GetProperty("text").GetString()!;
                var patterns = section.GetProperty("questionPatterns").EnumerateArray()
                    .Select(p => "^" + System.Text.RegularExpressions.Regex.Escape(p.GetString()!).Replace(@"\{situation}", ".+", StringComparison.Ordinal) + "$");
                Assert.True(
                    section.GetProperty("questions").EnumerateArray().Any(q => q.GetString() == asked) || patterns.Any(p => System.Text.RegularExpressions.Regex.IsMatch(asked, p)),
                    $"'{asked}' is neither a question nor a pattern of {citation.GetProperty("sectionId").GetString()}");
            }
        }

        // Enough questions for the checks above to mean something; questions are asked only when the message's own
        // situation can be put in a question and the anchor check passes it (14 of these 43 messages at the time of
        // writing), so this is no coverage goal.
        Assert.True(questions >= 30, $"only {questions} questions for {messages.Count} messages");
    }
}
