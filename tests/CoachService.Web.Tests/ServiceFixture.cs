using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Playwright;

namespace CoachService.Web.Tests;

/// <summary>
/// Starts the real service as a process on a free loopback port (the built API next to these tests, serving the
/// page from the source wwwroot) and a headless Debian Chromium driven by Playwright.
/// </summary>
public sealed class ServiceFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private Process? _service;
    private IPlaywright? _playwright;

    /// <summary>
    /// False on a machine without Chromium, where the browser tests report themselves skipped; CI sets
    /// COACH_REQUIRE_BROWSER=1 (and installs Chromium) so there they fail instead of skipping.
    /// </summary>
    public bool BrowserAvailable { get; } = File.Exists(ChromiumPath);

    public const string SkipReason = "Chromium is not installed: run `apt-get install -y chromium` to run the browser tests.";

    public Uri BaseAddress { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where screenshots go: kept as test artifacts (CI copies them out of TestResults).</summary>
    public static string ScreenshotDirectory { get; } = Directory.CreateDirectory(Path.Combine(RepositoryPaths.Root, "TestResults", "screenshots")).FullName;

    public async Task InitializeAsync()
    {
        if (!BrowserAvailable)
        {
            if (Environment.GetEnvironmentVariable("COACH_REQUIRE_BROWSER") == "1")
            {
                throw new InvalidOperationException(SkipReason);
            }

            return;
        }

        int port = FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "CoachService.Api.dll"), "--urls", BaseAddress.ToString(), "--webroot", RepositoryPaths.WebRoot })
        {
            start.ArgumentList.Add(arg);
        }

        _service = Process.Start(start)!;
        _service.OutputDataReceived += (_, _) => { };
        _service.ErrorDataReceived += (_, _) => { };
        _service.BeginOutputReadLine();
        _service.BeginErrorReadLine();
        await WaitUntilReadyAsync();

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_service is { HasExited: false })
        {
            _service.Kill(entireProcessTree: true);
            await _service.WaitForExitAsync();
        }

        _service?.Dispose();
    }

    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_service!.HasExited)
            {
                throw new InvalidOperationException($"The service exited with code {_service.ExitCode} before it was ready.");
            }

            try
            {
                if ((await http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("The service did not become ready within 90 seconds.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserGroup : ICollectionFixture<ServiceFixture>
{
    public const string Name = "Service and browser";
}
