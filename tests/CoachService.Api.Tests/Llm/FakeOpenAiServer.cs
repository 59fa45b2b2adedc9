using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CoachService.Api.Tests.Llm;

/// <summary>What the fake LLM does with each chat-completions request.</summary>
public enum FakeLlmBehaviour
{
    /// <summary>Answers 200 with <see cref="FakeOpenAiServer.Reply"/> as the assistant's content.</summary>
    Answer,

    /// <summary>Answers 500 to every request.</summary>
    Fail,

    /// <summary>Never answers (until the client gives up).</summary>
    Stall,

    /// <summary>Answers 200 with a body that is not JSON at all.</summary>
    Garbage,
}

/// <summary>A real HTTP server on loopback that speaks the OpenAI chat-completions protocol, and can be told to fail, stall or return garbage.</summary>
public sealed class FakeOpenAiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _calls;

    private FakeOpenAiServer(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public FakeLlmBehaviour Behaviour { get; set; } = FakeLlmBehaviour.Answer;

    /// <summary>Requests answered 500 before <see cref="Behaviour"/> applies.</summary>
    public int FailFirst { get; set; }

    /// <summary>The assistant's content, given the request's system and user messages.</summary>
    public Func<string, string, string> Reply { get; set; } = (_, _) => """{"questions":[]}""";

    public int Calls => _calls;

    /// <summary>Every request body received, in order.</summary>
    public ConcurrentQueue<JsonNode> Requests { get; } = new();

    /// <summary>Back to answering every request with no questions, with no call counted or request kept (between the tests of a shared server).</summary>
    public void Reset()
    {
        Behaviour = FakeLlmBehaviour.Answer;
        FailFirst = 0;
        Reply = (_, _) => """{"questions":[]}""";
        Interlocked.Exchange(ref _calls, 0);
        Requests.Clear();
    }

    public static async Task<FakeOpenAiServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeOpenAiServer(app);
        app.MapPost("/v1/chat/completions", server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseAddress = new Uri(address.TrimEnd('/') + "/v1/");
        return server;
    }

    private async Task HandleAsync(HttpContext context)
    {
        int call = Interlocked.Increment(ref _calls);
        var body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        Requests.Enqueue(body!);
        if (call <= FailFirst || Behaviour == FakeLlmBehaviour.Fail)
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            await context.Response.WriteAsJsonAsync(new { error = new { message = "fake failure", type = "server_error" } });
            return;
        }

        switch (Behaviour)
        {
            case FakeLlmBehaviour.Stall:
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
            case FakeLlmBehaviour.Garbage:
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("<html>definitely not json", context.RequestAborted);
                return;
        }

        var messages = body!["messages"]!.AsArray();
        string system = Content(messages, "system");
        string user = Content(messages, "user");
        await context.Response.WriteAsJsonAsync(new
        {
            id = $"chatcmpl-{call}",
            @object = "chat.completion",
            created = 1_764_000_000,
            model = body["model"]?.GetValue<string>() ?? "fake",
            choices = new[]
            {
                new { index = 0, message = new { role = "assistant", content = Reply(system, user) }, finish_reason = "stop" },
            },
            usage = new { prompt_tokens = 10, completion_tokens = 10, total_tokens = 20 },
        });
    }

    private static string Content(JsonArray messages, string role) =>
        string.Join('\n', messages.Where(m => m?["role"]?.GetValue<string>() == role).Select(m => m!["content"] switch
        {
            JsonValue v => v.GetValue<string>(),
            JsonArray parts => string.Join("", parts.Select(p => p?["text"]?.GetValue<string>() ?? "")),
            _ => "",
        }));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
