using System.Net;
using System.Net.Http.Json;
using Xunit.Abstractions;

namespace CoachService.Api.Tests;

public sealed class CorsTests(CorsTests.AllowedOriginApp allowed, ITestOutputHelper output) : IClassFixture<CorsTests.AllowedOriginApp>
{
    private const string Allowed = "https://journal.example";

    /// <summary>One allowed origin and an API key, shared by the tests that send requests to it.</summary>
    public sealed class AllowedOriginApp : IDisposable
    {
        public CoachApiFactory Factory { get; } = new(new()
        {
            Settings = { ["Coach:Cors:Origins:0"] = Allowed, ["Coach:Clients:ApiKeys:0"] = "test-key-1234567890" },
            Clock = new(),
        });

        public void Dispose() => Factory.Dispose();
    }

    private CoachApiFactory AllowedOrigin => allowed.Factory.For(output);

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/v1/analyze");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type,x-api-key");
        return request;
    }

    [Fact]
    public async Task Preflight_FromAnAllowedOrigin_IsAnsweredWithoutAKey()
    {
        using var response = await AllowedOrigin.CreateClient().SendAsync(Preflight(Allowed));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(Allowed, Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("POST", response.Headers.GetValues("Access-Control-Allow-Methods").Single(), StringComparison.Ordinal);
        Assert.Contains("x-api-key", response.Headers.GetValues("Access-Control-Allow-Headers").Single(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Preflight_FromAnotherOrigin_GetsNoCorsHeaders()
    {
        using var response = await AllowedOrigin.CreateClient().SendAsync(Preflight("https://elsewhere.example"));

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Request_FromAnAllowedOrigin_CarriesTheOriginHeader()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/analyze") { Content = JsonContent.Create(new { text = "Could we talk tonight?" }) };
        request.Headers.Add("Origin", Allowed);
        request.Headers.Add("X-Api-Key", "test-key-1234567890");

        using var response = await AllowedOrigin.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Allowed, Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
    }

    [Fact]
    public async Task Preflight_WithNoOriginsConfigured_GetsNoCorsHeaders()
    {
        using var factory = new CoachApiFactory(new() { Clock = new(), Output = output });

        using var response = await factory.CreateClient().SendAsync(Preflight(Allowed));

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Theory]
    [InlineData("https://journal.example/path")]
    [InlineData("*")]
    [InlineData("journal.example")]
    public void Origins_NotAnOrigin_StopStartUp(string origin)
    {
        using var factory = new CoachApiFactory(new() { Settings = { ["Coach:Cors:Origins:0"] = origin }, Clock = new(), Output = output });

        var ex = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("Coach:Cors:Origins", ex.ToString(), StringComparison.Ordinal);
    }
}
