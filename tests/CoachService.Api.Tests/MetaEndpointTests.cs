using System.Net;
using System.Text.Json;
using CoachService.Api.Endpoints;
using CoachService.Contracts;
using CoachService.Core.Detection;
using CoachService.Core.Rewriting;
using CoachService.Core.Safety;
using Xunit.Abstractions;

namespace CoachService.Api.Tests;

/// <summary>GET /v1/meta, which the page reads instead of copying limits and labels, and the page's module scripts.</summary>
[Collection(CoachApiGroup.Name)]
public class MetaEndpointTests(CoachApiHost host, ITestOutputHelper output)
{
    private readonly HttpClient _client = host.For(output).CreateClient();

    [Fact]
    public async Task Meta_ConfiguredLimits_AreTheOnesTheServiceEnforces()
    {
        var meta = await MetaAsync();

        // The collection's app is configured with 1,000 characters and 20 sentences (the default is 5,000 and 60).
        Assert.Equal(1000, meta.MaxTextLength);
        Assert.Equal(20, meta.MaxSentences);
        Assert.Equal(50, meta.MaxBatchItems);
    }

    [Fact]
    public async Task Meta_EveryIdTheAnswersUse_HasALabel()
    {
        var meta = await MetaAsync();

        Assert.Equal(BlameCategory.All, meta.Categories.Select(c => c.Id));
        Assert.Equal(RewriteStyle.All, meta.Styles.Select(s => s.Id));
        Assert.Equal(SafetyKind.Harmful, meta.SafetyHeadings.Select(h => h.Id));
        Assert.Equal(["feeling", "situation", "need", "request"], meta.Components.Select(c => c.Id));
        Assert.All(meta.Categories.Concat(meta.Components).Concat(meta.SafetyHeadings), l => Assert.False(string.IsNullOrWhiteSpace(l.Label), l.Id));
        Assert.All(meta.Styles, s => Assert.False(string.IsNullOrWhiteSpace(s.Label) || string.IsNullOrWhiteSpace(s.Hint), s.Id));
        Assert.Equal("All-or-nothing words", meta.Categories.Single(c => c.Id == BlameCategory.Absolute).Label);
    }

    [Fact]
    public async Task Meta_Notes_AreTheServicesOwn()
    {
        var meta = await MetaAsync();

        Assert.Equal(GentleRewriter.AlreadyKindNote, meta.Notes.Kind);
        Assert.Equal(PageLabels.NoRewritesNote, meta.Notes.NoRewrites);
        Assert.Contains("emergency", meta.Notes.Safety, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Meta_RewriteComponents_AreTheNamesTheRewritesCarry()
    {
        var meta = await MetaAsync();
        using var response = await _client.PostAsync("/v1/rewrite", new StringContent("""{"text":"You never help with the dishes.","styles":["gentle"],"includeQuestions":false}""", System.Text.Encoding.UTF8, "application/json"));
        var components = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("rewrites")[0].GetProperty("components");

        Assert.Equal(meta.Components.Select(c => c.Id), components.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task OpenApi_Meta_IsDescribedWithItsResponseSchema()
    {
        var root = JsonDocument.Parse(await _client.GetStringAsync("/openapi/v1.json")).RootElement;

        var get = root.GetProperty("paths").GetProperty("/v1/meta").GetProperty("get");
        Assert.Equal("GetMeta", get.GetProperty("operationId").GetString());
        Assert.False(string.IsNullOrWhiteSpace(get.GetProperty("description").GetString()));
        string schema = get.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString()!;
        Assert.EndsWith("/MetaResponse", schema, StringComparison.Ordinal);
        Assert.True(root.GetProperty("components").GetProperty("schemas").GetProperty("MetaResponse").GetProperty("properties").TryGetProperty("maxTextLength", out _));
    }

    [Theory]
    [InlineData("/js/main.js")]
    [InlineData("/js/api.js")]
    [InlineData("/js/render.js")]
    [InlineData("/js/state.js")]
    public async Task Page_ModuleScripts_AreServedAsJavaScriptUnderTheStrictPolicy(string path)
    {
        using var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Page_LoadsOneModuleScriptFromItsOwnOriginAndNoInlineScript()
    {
        using var response = await _client.GetAsync("/");
        string html = await response.Content.ReadAsStringAsync();

        Assert.Contains("""<script type="module" src="js/main.js"></script>""", html, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "<script"));
        Assert.Contains("script-src 'self';", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    private async Task<MetaResponse> MetaAsync()
    {
        using var response = await _client.GetAsync("/v1/meta");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(), CoachJsonContext.Default.MetaResponse)!;
    }
}
