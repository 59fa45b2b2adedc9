using System.Diagnostics;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Xunit.Abstractions;

namespace CoachService.Api.Tests;

/// <summary>Everything the service exports (spans, metrics, logs) for requests carrying a marker, scanned for it.</summary>
public sealed class TelemetryTests(ITestOutputHelper output)
{
    private const string Marker = "ZEBRAQUOKKA";

    [Fact]
    public async Task Telemetry_ForRequestsCarryingAMessage_HoldsTheServicesMetricsAndNeverTheText()
    {
        var spans = new List<Activity>();
        var metrics = new List<Metric>();
        using var app = new CoachApiFactory(new()
        {
            Settings = { ["Coach:Feedback:Enabled"] = "true" },
            CapturedLevel = LogLevel.Trace,
            Services = services =>
            {
                services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans));
                services.ConfigureOpenTelemetryMeterProvider(meters => meters.AddInMemoryExporter(metrics));
            },
            Output = output,
        });
        var client = app.CreateClient();
        string text = $"You never listen to me, {Marker}. Typical.";

        (await client.PostAsJsonAsync("/v1/analyze", new { text })).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync("/v1/rewrite", new { text })).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync("/v1/reflect", new { text })).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync("/v1/analyze/batch", new { items = new[] { new { text }, new { text = "" } } })).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync("/v1/feedback", new { verdict = "not_blame", modelVersion = "m", text, consent = true })).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync("/v1/analyze", new { text = text + new string('!', 6000) })).Dispose();
        app.Services.GetRequiredService<TracerProvider>().ForceFlush();
        app.Services.GetRequiredService<MeterProvider>().ForceFlush();

        // Copies: a span that ends after its response (the host's own work) is still added to the list while it is read.
        var exportedSpans = spans.ToArray();
        var exportedMetrics = metrics.ToArray();

        var exported = new List<string>();
        foreach (var span in exportedSpans)
        {
            exported.Add(span.DisplayName);
            exported.AddRange(span.TagObjects.Select(t => $"{t.Key}={t.Value}"));
            exported.AddRange(span.Events.SelectMany(e => e.Tags.Select(t => $"{e.Name} {t.Key}={t.Value}")));
        }

        foreach (var metric in exportedMetrics)
        {
            exported.Add(metric.Name);
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                foreach (var tag in point.Tags)
                {
                    exported.Add($"{metric.Name} {tag.Key}={tag.Value}");
                }
            }
        }

        exported.AddRange(app.Logs.Lines);
        Assert.True(exportedSpans.Any(s => s.DisplayName.Contains("/v1/analyze", StringComparison.Ordinal)), "no /v1/analyze span: " + string.Join(", ", exportedSpans.Select(s => s.DisplayName)));
        string names = string.Join(", ", exportedMetrics.Select(m => m.Name).Distinct());
        foreach (string name in new[] { "coach.analyses", "coach.rewrites", "coach.encoder.duration", "coach.feedback.verdicts", "http.server.request.duration" })
        {
            Assert.True(exportedMetrics.Any(m => m.Name == name), $"no {name} metric among: {names}");
        }

        var leaks = exported.Where(line => line.Contains(Marker, StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(leaks.Count == 0, "the marker was exported: " + string.Join(" | ", leaks));
    }

    [Fact]
    public async Task Prometheus_OnItsOwnPort_ServesTheServicesMetrics()
    {
        int port;
        using (var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        }

        using var factory = new CoachApiFactory(new() { Settings = { ["Coach:Telemetry:PrometheusPort"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) }, Clock = new(), Output = output });
        (await factory.CreateClient().PostAsJsonAsync("/v1/analyze", new { text = "You never call me back." })).EnsureSuccessStatusCode();
        using var scraper = new HttpClient();

        string metrics = await scraper.GetStringAsync(new Uri($"http://localhost:{port}/metrics"));

        Assert.Contains("coach_analyses", metrics, StringComparison.Ordinal);
    }
}
