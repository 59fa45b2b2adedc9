using CoachService.Core;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CoachService.Api.Http;

/// <summary>"Coach:Telemetry": the optional Prometheus scrape endpoint.</summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Coach:Telemetry";

    /// <summary>A port for a Prometheus scrape endpoint of its own (http://host:port/metrics); 0, the default, for none.</summary>
    public int PrometheusPort { get; set; }

    /// <summary>The host name the Prometheus endpoint answers to ("localhost" by default: only local scrapers).</summary>
    public string PrometheusHost { get; set; } = "localhost";
}

/// <summary>
/// OpenTelemetry traces and metrics for ASP.NET Core, HttpClient (the LLM calls) and the runtime, plus the service's
/// own meter (<see cref="CoachMetrics"/>). Exported over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set, and to
/// Prometheus when Coach:Telemetry:PrometheusPort is. No message text goes into a span, tag or metric: requests carry
/// it in the body, which no instrumentation records, exceptions are not recorded on spans, and the service's own
/// tags are fixed vocabularies (a test scans everything exported for a marker).
/// </summary>
public static class TelemetrySetup
{
    public const string ServiceName = "coachservice";

    public static IServiceCollection AddCoachTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (options.PrometheusPort is < 0 or > 65535)
        {
            throw new InvalidOperationException("Coach:Telemetry:PrometheusPort is a port from 1 to 65535, or 0 for none.");
        }

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.RecordException = false)
                .AddHttpClientInstrumentation(o => o.RecordException = false))
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddRuntimeInstrumentation().AddMeter(CoachMetrics.MeterName);
                if (options.PrometheusPort > 0)
                {
                    metrics.AddPrometheusHttpListener(listener =>
                    {
                        listener.Host = options.PrometheusHost;
                        listener.Port = options.PrometheusPort;
                    });
                }
            });
        if (!string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.UseOtlpExporter();
        }

        return services;
    }
}
