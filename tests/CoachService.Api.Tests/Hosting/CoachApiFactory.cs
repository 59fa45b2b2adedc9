using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace CoachService.Api.Tests;

/// <summary>How a test wants the app hosted. Everything not set here is the app's own default.</summary>
public sealed class CoachApiOptions
{
    /// <summary>Configuration keys such as "Coach:Clients:PermitsPerMinute"; they win over <see cref="CoachApiFactory.DefaultSettings"/>.</summary>
    public Dictionary<string, string> Settings { get; init; } = [];

    /// <summary>A fake clock the test moves (the service's <see cref="TimeProvider"/>); null runs on the system clock.</summary>
    public FakeTimeProvider? Clock { get; init; }

    /// <summary>Real Kestrel on a loopback port of its own, for what the in-memory TestServer does not have (framing, aborts, Kestrel's limits).</summary>
    public bool Kestrel { get; init; }

    /// <summary>Adds <see cref="CoachApiFactory.FailingPath"/>, a route that fails the way a bug would, to see what a 500 looks like.</summary>
    public bool FailingRoute { get; init; }

    /// <summary>The lowest level <see cref="CoachApiFactory.Logs"/> records (every category).</summary>
    public LogLevel CapturedLevel { get; init; } = LogLevel.Debug;

    /// <summary>
    /// Whether the app takes the models loaded once for the whole run (<see cref="SharedModels"/>) instead of loading
    /// its own; off for an app whose test counts what one model does (the encoder's passes).
    /// </summary>
    public bool ShareModels { get; init; } = true;

    /// <summary>Extra services, registered after the app's own.</summary>
    public Action<IServiceCollection>? Services { get; init; }

    /// <summary>Where the server's log goes (the test's output); a shared fixture sets <see cref="CoachApiFactory.Output"/> per test instead.</summary>
    public ITestOutputHelper? Output { get; init; }
}

/// <summary>
/// The real app with the committed models, configured the way a test asks (<see cref="CoachApiOptions"/>): in memory or
/// on real Kestrel, with settings, a fake clock, every log line captured and the server's log in the test's output.
/// </summary>
public sealed class CoachApiFactory : WebApplicationFactory<Program>
{
    /// <summary>
    /// Every app gets these unless the test sets them: every test request comes from one client, and the per-client
    /// limits have their own tests, which set them.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> DefaultSettings = new Dictionary<string, string>
    {
        ["Coach:Clients:PermitsPerMinute"] = "1000000",
    };

    public const string FailingPath = "/test-only/fail";

    private readonly CoachApiOptions _options;
    private readonly TestOutputLoggerProvider _output;

    public CoachApiFactory(CoachApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _output = new TestOutputLoggerProvider { Output = options.Output };
        if (options.Kestrel)
        {
            UseKestrel(0);
        }
    }

    /// <summary>Every log line the app writes at or above <see cref="CoachApiOptions.CapturedLevel"/>.</summary>
    internal CapturingLoggerProvider Logs { get; } = new();

    /// <summary>The test whose output receives the server's log now (a shared app's tests each set it).</summary>
    public ITestOutputHelper? Output
    {
        get => _output.Output;
        set => _output.Output = value;
    }

    /// <summary>The fake clock the app runs on.</summary>
    public FakeTimeProvider Clock => _options.Clock ?? throw new InvalidOperationException("This app runs on the system clock; set CoachApiOptions.Clock.");

    /// <summary>Starts the server on real Kestrel (once) and returns its loopback address.</summary>
    public Uri Start()
    {
        if (!_options.Kestrel)
        {
            throw new InvalidOperationException("This app is hosted in memory; set CoachApiOptions.Kestrel.");
        }

        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        return new Uri(addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in DefaultSettings.Where(d => !_options.Settings.ContainsKey(d.Key)).Concat(_options.Settings))
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging
            .ClearProviders()
            .AddProvider(Logs)
            .AddFilter<CapturingLoggerProvider>(null, _options.CapturedLevel)
            .AddProvider(_output)
            .AddFilter<TestOutputLoggerProvider>(null, LogLevel.Information)
            .AddFilter<TestOutputLoggerProvider>("Microsoft", LogLevel.Warning));

        builder.ConfigureServices(services =>
        {
            if (_options.ShareModels && SharedModels.Fit(_options.Settings))
            {
                SharedModels.AddTo(services);
            }

            if (_options.Clock is not null)
            {
                services.AddSingleton<TimeProvider>(_options.Clock);
            }

            if (_options.FailingRoute)
            {
                services.AddSingleton<IStartupFilter, FailingRouteFilter>();
            }

            _options.Services?.Invoke(services);
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Logs.Dispose();
            _output.Dispose();
        }
    }

    private sealed class FailingRouteFilter : IStartupFilter
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

/// <summary>
/// The "Coach API" collection's one app: short limits (1,000 characters, 20 sentences) so the limit tests stay small,
/// and models of its own, since a batch test counts its encoder's passes.
/// </summary>
public sealed class CoachApiHost : IDisposable
{
    public CoachApiFactory Factory { get; } = new(new()
    {
        Settings = { ["Coach:Limits:MaxTextLength"] = "1000", ["Coach:Limits:MaxSentences"] = "20" },
        ShareModels = false,
    });

    /// <summary>The app, with its server log going to this test's output.</summary>
    public CoachApiFactory For(ITestOutputHelper output) => Factory.For(output);

    public void Dispose() => Factory.Dispose();
}

[CollectionDefinition(Name)]
public sealed class CoachApiGroup : ICollectionFixture<CoachApiHost>
{
    public const string Name = "Coach API";
}

public static class CoachApiFactoryExtensions
{
    /// <summary>Points a shared app's server log at this test's output, and returns the app.</summary>
    public static CoachApiFactory For(this CoachApiFactory factory, ITestOutputHelper output)
    {
        ArgumentNullException.ThrowIfNull(factory);
        factory.Output = output;
        return factory;
    }
}
