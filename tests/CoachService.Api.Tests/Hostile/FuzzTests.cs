using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CsCheck;
using Xunit.Abstractions;

namespace CoachService.Api.Tests.Hostile;

/// <summary>
/// Random Unicode at /v1/analyze and /v1/rewrite (CsCheck): any mix of blame words, emoji, zero-width and control
/// characters, lone surrogates and arbitrary code units. Never a 5xx; a 400 names a known code; every offset of a
/// 200 lies inside the text and on whole code points.
/// </summary>
public sealed class FuzzTests(HostileInputTests.DefaultLimitsApp app, ITestOutputHelper output) : IClassFixture<HostileInputTests.DefaultLimitsApp>
{
    private static readonly string[] Words =
    [
        "you", "never", "always", "typical", "lol", "again", "I feel like", "why can't you", "just", "so", "selfish",
        "the dishes", "late", "!!", "...", "?", ",", "\"", "'", "tbh", "seriously", "every time", "ok.", "…", "-", "\n",
    ];

    private static readonly string[] KnownCodes = ["text_empty", "text_too_long", "too_many_sentences", "invalid_json"];

    private static readonly Gen<string> Piece = Gen.Frequency(
        (6, Gen.OneOf(Words)),
        (3, Gen.OneOf(Gen.Char['\u0000', '\uD7FF'], Gen.Char['\uE000', '\uFFFF']).Array[1, 12].Select(a => new string(a))), // any other code unit
        (1, Gen.Char['\uD800', '\uDFFF'].Select(c => c.ToString())),                                                      // a lone surrogate
        (2, Gen.Int[0x1F300, 0x1FAFF].Select(c => char.ConvertFromUtf32(c))), // emoji and pictographs
        (2, Gen.OneOf(" ", "  ", "\t", "\u200B", "\u200D", "\uFEFF", "\u202E", "\u0301", "\u0000", "\u00A0", "\u3000")),
        (1, Gen.Int[0x10000, 0x10FFFF].Select(c => char.ConvertFromUtf32(c))));

    private static readonly Gen<(string Text, bool Rewrite)> Input =
        Gen.Select(Piece.Array[1, 60].Select(p => string.Join(' ', p)), Gen.Bool);

    [Fact]
    public async Task AnalyzeAndRewrite_RandomUnicode_NeverA5xxAndOffsetsStayOnCodePoints()
    {
        using var client = app.Factory.For(output).CreateClient();

        await Input.SampleAsync(async input =>
        {
            var (text, rewrite) = input;
            using var content = new ByteArrayContent(Encoding.UTF8.GetBytes($"{{\"text\":\"{Escape(text)}\"}}"));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await client.PostAsync(rewrite ? "/v1/rewrite" : "/v1/analyze", content);
            string body = await response.Content.ReadAsStringAsync();

            Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode}: {body}");
            var json = JsonDocument.Parse(body).RootElement;
            if ((int)response.StatusCode != 200)
            {
                Assert.Contains(json.GetProperty("code").GetString(), KnownCodes);
                return;
            }

            var analysis = rewrite ? json.GetProperty("analysis") : json;
            foreach (var span in analysis.GetProperty("matches").EnumerateArray().Concat(analysis.GetProperty("sentences").EnumerateArray()))
            {
                AssertOnCodePoints(text, span.GetProperty("offset").GetInt32(), span.GetProperty("length").GetInt32());
            }
        }, iter: 120, threads: 1);
    }

    /// <summary>Every non-ASCII code unit as \uXXXX, so lone surrogates reach the server as the JSON escapes they are.</summary>
    private static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length * 2);
        foreach (char c in text)
        {
            if (c is >= ' ' and <= '~' and not '"' and not '\\')
            {
                escaped.Append(c);
            }
            else
            {
                escaped.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
        }

        return escaped.ToString();
    }

    private static void AssertOnCodePoints(string text, int offset, int length)
    {
        Assert.InRange(offset, 0, text.Length);
        Assert.InRange(length, 0, text.Length - offset);
        Assert.False(offset > 0 && offset < text.Length && char.IsHighSurrogate(text[offset - 1]) && char.IsLowSurrogate(text[offset]), $"span starts inside a surrogate pair at {offset}");
        int end = offset + length;
        Assert.False(end > 0 && end < text.Length && char.IsHighSurrogate(text[end - 1]) && char.IsLowSurrogate(text[end]), $"span ends inside a surrogate pair at {end}");
    }
}
