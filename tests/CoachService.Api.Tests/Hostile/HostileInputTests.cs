using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CoachService.Core.Data;
using Xunit.Abstractions;

namespace CoachService.Api.Tests.Hostile;

/// <summary>
/// Drives every input of <c>hostile-inputs.jsonl</c> (empty, control characters, invalid UTF-8, lone
/// surrogates, bidi and zero-width characters, combining floods, a 1 MB body, wrong JSON types, deep nesting,
/// HTML, prompt injection, other languages) through the real app with its default limits. Each gets its
/// expected status and code, never a 5xx; offsets never split a surrogate pair; the app stays healthy.
/// </summary>
public sealed class HostileInputTests : IClassFixture<HostileInputTests.DefaultLimitsApp>
{
    private readonly HttpClient _client;

    public HostileInputTests(DefaultLimitsApp app, ITestOutputHelper output)
    {
        ArgumentNullException.ThrowIfNull(app);
        _client = app.Factory.For(output).CreateClient();
    }

    /// <summary>The app with its default message limits, shared by the tests of one class.</summary>
    public sealed class DefaultLimitsApp : IDisposable
    {
        public CoachApiFactory Factory { get; } = new(new CoachApiOptions());

        public void Dispose() => Factory.Dispose();
    }

    public static TheoryData<string> Names() =>
        [.. Corpus().Select(e => e.GetProperty("name").GetString()!)];

    [Fact]
    public void Corpus_HasAtLeastSixtyInputs()
    {
        Assert.True(Corpus().Count >= 60);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Send_HostileInput_GetsItsExpectedAnswerAndNeverA5xx(string name)
    {
        var entry = Corpus().Single(e => e.GetProperty("name").GetString() == name);
        var (request, text) = BuildRequest(entry);

        using var response = await _client.SendAsync(request);

        string body = await response.Content.ReadAsStringAsync();
        int expected = entry.GetProperty("status").GetInt32();
        Assert.True((int)response.StatusCode < 500, $"{name}: {(int)response.StatusCode} {body}");
        Assert.True(expected == (int)response.StatusCode, $"{name}: expected {expected}, got {(int)response.StatusCode} {body}");
        if (entry.TryGetProperty("code", out var code))
        {
            Assert.Equal(code.GetString(), JsonDocument.Parse(body).RootElement.GetProperty("code").GetString());
        }

        if (response.StatusCode == HttpStatusCode.OK && text is not null && entry.GetProperty("endpoint").GetString() == "/v1/analyze")
        {
            var analysis = JsonDocument.Parse(body).RootElement;
            foreach (var span in analysis.GetProperty("matches").EnumerateArray().Concat(analysis.GetProperty("sentences").EnumerateArray()))
            {
                AssertWholeCodePoints(text, span.GetProperty("offset").GetInt32(), span.GetProperty("length").GetInt32(), name);
            }

            if (entry.TryGetProperty("warning", out _))
            {
                Assert.NotEmpty(analysis.GetProperty("warnings").EnumerateArray());
            }
        }
    }

    [Fact]
    public async Task AfterTheWholeCorpus_TheServiceIsHealthyAndAnswersNormally()
    {
        foreach (var entry in Corpus())
        {
            using var _ = await _client.SendAsync(BuildRequest(entry).Request);
        }

        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/health/ready")).StatusCode);
        var response = await _client.PostAsync("/v1/analyze", new StringContent("""{"text":"You never call me back."}""", Encoding.UTF8, "application/json"));
        Assert.True(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("isBlame").GetBoolean());
    }

    private static List<JsonElement> Corpus() =>
        JsonLines.Read<JsonElement>(Path.Combine(AppContext.BaseDirectory, "Hostile", "hostile-inputs.jsonl")).ToList();

    /// <summary>The request an entry describes, and the text it sends (when the body is JSON with a string "text").</summary>
    private static (HttpRequestMessage Request, string? Text) BuildRequest(JsonElement entry)
    {
        var method = entry.TryGetProperty("method", out var m) ? new HttpMethod(m.GetString()!) : HttpMethod.Post;
        var request = new HttpRequestMessage(method, entry.GetProperty("endpoint").GetString());
        byte[]? bytes = null;
        if (entry.TryGetProperty("json", out var json))
        {
            bytes = Encoding.UTF8.GetBytes(json.GetRawText());
        }
        else if (entry.TryGetProperty("body", out var raw))
        {
            bytes = Encoding.UTF8.GetBytes(raw.GetString()!);
        }
        else if (entry.TryGetProperty("bodyBase64", out var b64))
        {
            bytes = Convert.FromBase64String(b64.GetString()!);
        }
        else if (entry.TryGetProperty("generate", out var generate))
        {
            string repeated = string.Concat(Enumerable.Repeat(generate.GetProperty("unit").GetString(), generate.GetProperty("times").GetInt32()));
            bytes = Encoding.UTF8.GetBytes(generate.GetProperty("wrap").GetString()!.Replace("%s", repeated, StringComparison.Ordinal));
        }

        if (bytes is not null)
        {
            request.Content = new ByteArrayContent(bytes);
            string contentType = entry.TryGetProperty("contentType", out var ct) ? ct.GetString()! : "application/json";
            if (contentType.Length > 0)
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            }
        }

        return (request, TextOf(bytes));
    }

    private static string? TextOf(byte[]? bytes)
    {
        try
        {
            return bytes is not null && JsonDocument.Parse(bytes).RootElement is { ValueKind: JsonValueKind.Object } o
                && o.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    private static void AssertWholeCodePoints(string text, int offset, int length, string name)
    {
        Assert.InRange(offset, 0, text.Length);
        Assert.InRange(offset + length, offset, text.Length);
        Assert.False(offset > 0 && char.IsHighSurrogate(text[offset - 1]) && char.IsLowSurrogate(text[offset]), $"{name}: span starts inside a surrogate pair");
        int end = offset + length;
        Assert.False(end > 0 && end < text.Length && char.IsHighSurrogate(text[end - 1]) && char.IsLowSurrogate(text[end]), $"{name}: span ends inside a surrogate pair");
    }
}
