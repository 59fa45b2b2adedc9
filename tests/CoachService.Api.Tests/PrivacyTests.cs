using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text;
using CoachService.Api.Tests.Llm;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace CoachService.Api.Tests;

/// <summary>Messages are private: no log line at any level, on any path, may contain their text.</summary>
public sealed class PrivacyTests(ITestOutputHelper output) : IAsyncLifetime, IDisposable
{
    private const string Marker = "ZEBRA-PRIVATE-7731";
    private FakeOpenAiServer _llm = null!;
    private CoachApiFactory _factory = null!;

    public async Task InitializeAsync()
    {
        _llm = await FakeOpenAiServer.StartAsync();
        _llm.Behaviour = FakeLlmBehaviour.Fail;
        _factory = new CoachApiFactory(new()
        {
            Settings =
            {
                ["Coach:Llm:Endpoint"] = _llm.BaseAddress.ToString(),
                ["Coach:Llm:Model"] = "fake-model",
                ["Coach:Llm:AttemptTimeout"] = "00:00:01",
                ["Coach:Llm:Budget"] = "00:00:03",
                ["Coach:Llm:RetryDelay"] = "00:00:00.010",
                ["Coach:Limits:MaxTextLength"] = "200",
            },
            CapturedLevel = LogLevel.Trace,
            Output = output,
        });
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _llm.DisposeAsync();
    }

    public void Dispose() => _factory?.Dispose();

    [Fact]
    public async Task EveryEndpoint_SuccessAndErrorPaths_NeverLogTheMessage()
    {
        using var client = _factory.CreateClient();
        string blaming = $"You never listen to me {Marker}. Typical.";
        string[] jsonBodies =
        [
            $$"""{"text":"{{blaming}}"}""",
            $$"""{"text":"{{blaming}}","styles":["gentle","brief","warm"]}""",
            $$"""{"text":"Thank you {{Marker}}, love you"}""",
            $$"""{"text":"if you leave I'll hurt myself {{Marker}}"}""",
            $$"""{"text":"{{Marker}}{{new string('x', 300)}}"}""",
            $$"""{"text":"{{Marker}}""",
            $$"""{"text":42,"note":"{{Marker}}"}""",
            $$"""{"text":"{{blaming}}","styles":["{{Marker}}"]}""",
        ];

        foreach (var path in new[] { "/v1/analyze", "/v1/rewrite", "/v1/reflect" })
        {
            foreach (var body in jsonBodies)
            {
                using var _ = await client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
            }

            using var wrongType = await client.PostAsync(path, new StringContent(blaming, Encoding.UTF8, "text/plain"));
        }

        using var reflect = await client.PostAsJsonAsync("/v1/reflect", new { text = blaming });

        Assert.True(_llm.Calls > 0, "the LLM failure path was not exercised");
        Assert.NotEmpty(_factory.Logs.Lines);
        var leaks = _factory.Logs.Lines.Where(l => l.Contains(Marker, StringComparison.Ordinal)).ToList();
        Assert.True(leaks.Count == 0, "message text reached the logs:\n" + string.Join('\n', leaks));
    }
}
