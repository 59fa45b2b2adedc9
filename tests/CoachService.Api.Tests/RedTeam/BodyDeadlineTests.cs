using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Xunit.Abstractions;

namespace CoachService.Api.Tests.RedTeam;

/// <summary>The body is read with a deadline on the service's clock (a fake one here), before any analysis slot.</summary>
public sealed class BodyDeadlineTests : IDisposable
{
    private readonly SignallingClock _clock = new();
    private readonly CoachApiFactory _factory;

    public BodyDeadlineTests(ITestOutputHelper output)
    {
        _factory = new CoachApiFactory(new() { Settings = { ["Coach:Clients:BodyReadTimeout"] = "00:00:10" }, Clock = _clock, Kestrel = true, Output = output });
    }

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Analyze_BodyStallsPastTheReadDeadline_Gets408RequestTimeout()
    {
        var server = _factory.Start();
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port);
        var stream = client.GetStream();
        var deadlineStarted = _clock.TimerStarted(TimeSpan.FromSeconds(10));

        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            "POST /v1/analyze HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{\"text\":\"You never"));
        await deadlineStarted.WaitAsync(TimeSpan.FromSeconds(30));
        _clock.Advance(TimeSpan.FromSeconds(11));

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var response = await RawHttp.ReadResponseAsync(stream, timeout.Token);
        Assert.Equal(408, response.Status);
        Assert.Equal("request_timeout", JsonDocument.Parse(response.Body).RootElement.GetProperty("code").GetString());
        Assert.Equal("close", response.Header("Connection"));
    }
}
