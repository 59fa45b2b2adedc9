using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using Xunit.Abstractions;

namespace CoachService.Api.Tests.RedTeam;

/// <summary>
/// Red team: the analysis slot was taken before the body was read, so 8 uploads at 300 bytes/s made a normal
/// request wait 43 s, 210 made everyone else get 503, and /health/ready said Healthy throughout. A bounded
/// loopback client: four uploads that stall after their first bytes, held open for the length of the test.
/// </summary>
public sealed class SlowUploadTests(ITestOutputHelper output)
{
    private static readonly object Message = new { text = "You never call me back." };

    [Fact]
    public async Task Analyze_WhileSlowUploadsAreOpen_ANormalRequestIsAnsweredAndReadinessIsHealthy()
    {
        using var factory = new CoachApiFactory(new()
        {
            Settings =
            {
                ["Coach:Clients:ConcurrentAnalyses"] = "1",
                ["Coach:Clients:QueueLimit"] = "0",
                ["Coach:Clients:BodyReadTimeout"] = "00:01:00",
            },
            Kestrel = true,
            Output = output,
        });
        var server = factory.Start();
        var uploads = new List<TcpClient>();
        try
        {
            int before = factory.Logs.Lines.Count;
            for (int i = 0; i < 4; i++)
            {
                var upload = new TcpClient();
                uploads.Add(upload);
                await upload.ConnectAsync(server.Host, server.Port);
                await upload.GetStream().WriteAsync(Encoding.ASCII.GetBytes(
                    "POST /v1/analyze HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 300\r\n\r\n{\"text\":\"You nev"));
            }

            // Every upload has reached the app (and, on the old code, taken or been refused a slot).
            await RateLimitTests.Until(() => factory.Logs.Lines.Skip(before).Count(l => l.Contains("Request starting", StringComparison.Ordinal) && l.Contains("/v1/analyze", StringComparison.Ordinal)) >= 4);
            using var client = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromSeconds(30) };

            using var response = await client.PostAsJsonAsync("/v1/analyze", Message);
            using var ready = await client.GetAsync("/health/ready");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
            Assert.All(uploads, u => Assert.True(u.Connected));
        }
        finally
        {
            uploads.ForEach(u => u.Dispose());
        }
    }
}
