using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Xunit.Abstractions;

namespace CoachService.Api.Tests.RedTeam;

/// <summary>
/// Red-team findings about HTTP itself, on real Kestrel: a malformed chunked body got a 500, a client abort logged
/// a stack trace, 500s and Kestrel's own 414/431 came without problem details or security headers, and
/// <c>Server: Kestrel</c> was sent.
/// </summary>
public sealed class HttpFaultTests : IClassFixture<HttpFaultTests.Host>
{
    private readonly Host _host;

    public HttpFaultTests(Host host, ITestOutputHelper output)
    {
        ArgumentNullException.ThrowIfNull(host);
        _host = host;
        _host.Factory.Output = output;
    }

    public sealed class Host : IDisposable
    {
        public CoachApiFactory Factory { get; } = new(new() { Kestrel = true, FailingRoute = true });

        public Uri Address => _address ??= Factory.Start();

        private Uri? _address;

        public void Dispose() => Factory.Dispose();
    }

    private static string Post(string path, string headers, string body = "") =>
        $"POST {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: application/json\r\n{headers}\r\n{body}";

    [Fact]
    public async Task Analyze_MalformedChunkSize_Gets400BadRequestNot500()
    {
        var response = await RawHttp.SendAsync(_host.Address, Post("/v1/analyze", "Transfer-Encoding: chunked\r\n", "zz\r\n{\"text\":\"hi\"}\r\n0\r\n\r\n"));

        AssertProblem(response, 400, "bad_request");
    }

    [Theory]
    [InlineData(true)]   // the client resets the connection
    [InlineData(false)]  // the client stops sending and closes its side: the body ends early
    public async Task Analyze_ClientAbortsMidBody_LogsNoWarningAndNoStackTrace(bool reset)
    {
        int before = _host.Factory.Logs.Lines.Count;
        using (var client = new TcpClient())
        {
            await client.ConnectAsync(_host.Address.Host, _host.Address.Port);
            await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes(Post("/v1/analyze", "Content-Length: 400\r\n", "{\"text\":\"You never")));
            await client.GetStream().FlushAsync();
            await WaitForLogAsync(before, l => l.Contains("Request starting", StringComparison.Ordinal) && l.Contains("/v1/analyze", StringComparison.Ordinal));
            if (reset)
            {
                client.Client.LingerState = new LingerOption(true, 0);
            }
            else
            {
                client.Client.Shutdown(SocketShutdown.Send);
                await WaitForLogAsync(before, l => l.Contains("Request finished", StringComparison.Ordinal) && l.Contains("/v1/analyze", StringComparison.Ordinal));
            }
        }

        await WaitForLogAsync(before, l => l.Contains("Request finished", StringComparison.Ordinal) && l.Contains("/v1/analyze", StringComparison.Ordinal));

        var loud = _host.Factory.Logs.Lines.Skip(before).Where(l => l.StartsWith("Warning", StringComparison.Ordinal) || l.StartsWith("Error", StringComparison.Ordinal)
            || l.StartsWith("Critical", StringComparison.Ordinal) || l.Contains("\n   at ", StringComparison.Ordinal)).ToList();
        Assert.True(loud.Count == 0, "an abort was logged loudly:\n" + string.Join('\n', loud));
    }

    [Theory]
    [InlineData("GET / HTTP/1.1", 200)]
    [InlineData("GET /nowhere HTTP/1.1", 404)]
    [InlineData("GET /v1/analyze HTTP/1.1", 405)]
    [InlineData("GET " + CoachApiFactory.FailingPath + " HTTP/1.1", 500)]
    public async Task Response_AnyStatus_CarriesTheSecurityHeadersAndNoServerHeader(string requestLine, int status)
    {
        var response = await RawHttp.SendAsync(_host.Address, $"{requestLine}\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        Assert.Equal(status, response.Status);
        AssertSecurityHeaders(response);
        if (status >= 400)
        {
            AssertProblem(response, status, status == 500 ? "internal_error" : null);
        }
    }

    [Fact]
    public async Task RequestTarget_OverKestrelsDefaultLimit_Gets414ProblemDetails()
    {
        string target = "/v1/articles/" + new string('a', 9 * 1024);

        var response = await RawHttp.SendAsync(_host.Address, $"GET {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        AssertProblem(response, 414, "uri_too_long");
    }

    [Fact]
    public async Task Headers_OverKestrelsDefaultLimit_Get431ProblemDetails()
    {
        string headers = string.Concat(Enumerable.Range(0, 34).Select(i => $"X-Filler-{i}: {new string('h', 1000)}\r\n"));

        var response = await RawHttp.SendAsync(_host.Address, $"GET /health/live HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n{headers}\r\n");

        AssertProblem(response, 431, "headers_too_large");
    }

    private static void AssertProblem(RawHttp.Response response, int status, string? code)
    {
        Assert.Equal(status, response.Status);
        Assert.StartsWith("application/problem+json", response.Header("Content-Type"), StringComparison.Ordinal);
        var body = JsonDocument.Parse(response.Body).RootElement;
        Assert.Equal(status, body.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("detail").GetString()));
        if (code is not null)
        {
            Assert.Equal(code, body.GetProperty("code").GetString());
        }

        AssertSecurityHeaders(response);
    }

    private static void AssertSecurityHeaders(RawHttp.Response response)
    {
        Assert.Null(response.Header("Server"));
        Assert.Equal("no-store", response.Header("Cache-Control"));
        Assert.Equal("nosniff", response.Header("X-Content-Type-Options"));
        Assert.Equal("no-referrer", response.Header("Referrer-Policy"));
        Assert.Contains("default-src 'self'", response.Header("Content-Security-Policy"), StringComparison.Ordinal);
        Assert.Contains("camera=()", response.Header("Permissions-Policy"), StringComparison.Ordinal);
    }

    /// <summary>Polls the captured log (bounded) for a line written after the first <paramref name="skip"/>.</summary>
    private async Task WaitForLogAsync(int skip, Func<string, bool> predicate)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!_host.Factory.Logs.Lines.Skip(skip).Any(predicate))
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
