using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CoachService.Api.Http;

/// <summary>How much each client may ask, how much CPU-heavy work runs at once, and optional API keys ("Coach:Clients").</summary>
public sealed class ClientLimitOptions
{
    public const string SectionName = "Coach:Clients";

    /// <summary>Requests to /v1 per minute for one client (its API key, or else its address).</summary>
    [Range(1, 1_000_000)]
    public int PermitsPerMinute { get; set; } = 120;

    /// <summary>Analyses running at once across all clients; more wait in a queue.</summary>
    [Range(1, 1_000)]
    public int ConcurrentAnalyses { get; set; } = 8;

    /// <summary>Analyses allowed to wait for a slot; beyond that the service answers 503.</summary>
    [Range(0, 10_000)]
    public int QueueLimit { get; set; } = 200;

    /// <summary>The longest a request body may take to arrive; a slower upload gets 408 and holds nothing meanwhile.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan BodyReadTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>When not empty, every /v1 request must send one of these in <c>X-Api-Key</c>. Off by default.</summary>
    public List<string> ApiKeys { get; set; } = [];
}

/// <summary>Per-client rate limiting, a concurrency limit on CPU-heavy endpoints, and optional API keys.</summary>
public static class ClientLimits
{
    public const string CpuPolicy = "cpu";
    public const string ApiKeyHeader = "X-Api-Key";
    public const string RateLimited = "rate_limited";
    public const string ServerBusy = "server_busy";
    public const string ApiKeyMissing = "api_key_missing";
    public const string ApiKeyInvalid = "api_key_invalid";

    public static IServiceCollection AddClientLimits(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<ClientLimitOptions>().BindConfiguration(ClientLimitOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                if (!context.Request.Path.StartsWithSegments("/v1", StringComparison.Ordinal))
                {
                    return RateLimitPartition.GetNoLimiter("unlimited");
                }

                var limits = context.RequestServices.GetRequiredService<IOptions<ClientLimitOptions>>().Value;
                return RateLimitPartition.GetTokenBucketLimiter(ClientKey(context), _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = limits.PermitsPerMinute,
                    TokensPerPeriod = limits.PermitsPerMinute,
                    ReplenishmentPeriod = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            options.AddPolicy(CpuPolicy, context =>
            {
                var limits = context.RequestServices.GetRequiredService<IOptions<ClientLimitOptions>>().Value;
                return RateLimitPartition.GetConcurrencyLimiter("cpu", _ => new ConcurrencyLimiterOptions
                {
                    PermitLimit = limits.ConcurrentAnalyses,
                    QueueLimit = limits.QueueLimit,
                    QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                });
            });
            options.OnRejected = (context, cancellationToken) =>
            {
                bool perClient = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter);
                var seconds = perClient ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 1;
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                var problem = perClient
                    ? ApiProblem.Create(StatusCodes.Status429TooManyRequests, RateLimited, "Too many requests", $"This client has used its requests for now. Try again in {seconds} seconds.")
                    : ApiProblem.Create(StatusCodes.Status503ServiceUnavailable, ServerBusy, "Busy", "The service is busy right now. Try again in a moment.");
                return new ValueTask(problem.ExecuteAsync(context.HttpContext));
            };
        });
        return services;
    }

    /// <summary>Checks the API key (when keys are configured), then applies the limits.</summary>
    public static WebApplication UseClientLimits(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var keys = context.RequestServices.GetRequiredService<IOptions<ClientLimitOptions>>().Value.ApiKeys;
            if (keys.Count > 0 && context.Request.Path.StartsWithSegments("/v1", StringComparison.Ordinal))
            {
                string? sent = context.Request.Headers[ApiKeyHeader];
                if (string.IsNullOrEmpty(sent))
                {
                    await ApiProblem.Create(StatusCodes.Status401Unauthorized, ApiKeyMissing, "API key required", $"Send your API key in the {ApiKeyHeader} header.").ExecuteAsync(context);
                    return;
                }

                if (!keys.Any(k => SameKey(k, sent)))
                {
                    await ApiProblem.Create(StatusCodes.Status401Unauthorized, ApiKeyInvalid, "API key not recognised", $"The key in the {ApiKeyHeader} header is not one this service accepts.").ExecuteAsync(context);
                    return;
                }
            }

            await next(context);
        });
        app.UseRateLimiter();
        return app;
    }

    /// <summary>The client a request counts against: its API key when it sends one, else its address.</summary>
    private static string ClientKey(HttpContext context) =>
        context.Request.Headers[ApiKeyHeader] is { Count: > 0 } key
            ? "key:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key.ToString())))
            : "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");

    private static bool SameKey(string expected, string sent) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(expected)), SHA256.HashData(Encoding.UTF8.GetBytes(sent)));
}
