using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CoachService.Api.Tests.RedTeam;

/// <summary>
/// The real app on real Kestrel, on a loopback port of its own: what the red team attacked (framing, slow
/// uploads, aborts, Kestrel's own limits) does not exist in the in-memory TestServer. Captures every log line.
/// </summary>
public sealed class KestrelApiFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string> _settings;
    private readonly TimeProvider? _clock;

    public KestrelApiFactory(Dictionary<string, string>? settings = null, TimeProvider? clock = null)
    {
        _settings = settings ?? [];
        _clock = clock;
        UseKestrel(0);
    }

    internal CapturingLoggerProvider Logs { get; } = new();

    /// <summary>Starts the server (once) and returns its loopback address.</summary>
    public Uri Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        return new Uri(addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Coach:Clients:PermitsPerMinute", "1000000");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Debug).AddProvider(Logs).AddFilter<CapturingLoggerProvider>(null, LogLevel.Debug));

        // A route that fails the way a bug would, to see what a 500 looks like.
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, FailingRoute>();
            if (_clock is not null)
            {
                services.AddSingleton(_clock);
            }
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Logs.Dispose();
        }
    }

    public const string FailingPath = "/test-only/fail";

    private sealed class FailingRoute : Microsoft.AspNetCore.Hosting.IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use((HttpContext context, RequestDelegate _) => context.Request.Path == FailingPath
                ? throw new InvalidOperationException("a bug")
                : _(context));
        };
    }
}
