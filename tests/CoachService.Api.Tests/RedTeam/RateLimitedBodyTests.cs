using System.Text;
using Xunit.Abstractions;

namespace CoachService.Api.Tests.RedTeam;

/// <summary>
/// Red team: 81 of 120 rate-limited requests with large bodies got a TCP reset instead of the 429. Not reproduced
/// on this machine against the old code (loopback, bodies of 60 KB and 1 MB, with and without Expect: 100-continue,
/// 1 or 20 at once); kept as the guard for the rejection path, which now reads a body of up to 64 KB before
/// answering so that closing the connection cannot reset the answer away.
/// </summary>
public sealed class RateLimitedBodyTests(ITestOutputHelper output) : IDisposable
{
    private readonly CoachApiFactory _factory = new(new() { Settings = { ["Coach:Clients:PermitsPerMinute"] = "1" }, Kestrel = true, Output = output });

    public void Dispose() => _factory.Dispose();

    [Theory]
    [InlineData(1)]
    [InlineData(20)]
    public async Task Analyze_RateLimitedWithLargeBodies_EveryRequestReadsIts429(int parallel)
    {
        var server = _factory.Start();
        string body = "{\"text\":\"You never call me back.\",\"pad\":\"" + new string('x', 60 * 1024) + "\"}";
        string request = $"POST /v1/analyze HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}";
        await RawHttp.SendAsync(server, "GET /v1/articles HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");  // the one permit

        var statuses = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Parallel.ForEachAsync(Enumerable.Range(0, 40), new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (_, _) =>
        {
            try
            {
                statuses.Add((await RawHttp.SendAsync(server, request)).Status.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            catch (IOException ex)
            {
                statuses.Add(ex.InnerException?.GetType().Name ?? ex.GetType().Name);
            }
        });

        Assert.True(statuses.All(s => s == "429"), string.Join(", ", statuses.GroupBy(s => s).Select(g => $"{g.Key} x{g.Count()}")));
    }
}
