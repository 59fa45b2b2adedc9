using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CoachService.Api.Http;

/// <summary>How much each client may ask, how much CPU-heavy work runs at once, and optional API keys ("Coach:Clients").</summary>
public sealed class ClientLimitOptions
{
    public const string SectionName = "Coach:Clients";

    /// <summary>Requests to /v1 per minute for one client (its configured API key, or else its address).</summary>
    [Range(1, 1_000_000)]
    public int PermitsPerMinute { get; set; } = 120;

    /// <summary>Analyses running at once across all clients; more wait in a queue.</summary>
    [Range(1, 1_000)]
    public int ConcurrentAnalyses { get; set; } = 8;

    /// <summary>Analyses allowed to wait for a slot; beyond that the service answers 503.</summary>
    [Range(0, 10_000)]
    public int QueueLimit { get; set; } = 200;

    /// <summary>The longest an analysis waits for a slot before the service answers 503.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan QueueTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest a request body may take to arrive; a slower upload gets 408 and holds nothing meanwhile.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan BodyReadTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>When not empty, every /v1 request must send one of these in <c>X-Api-Key</c>. Off by default.</summary>
    public List<string> ApiKeys { get; set; } = [];
}

/// <summary>Per-client rate limiting, API keys (when configured), and the analysis slots.</summary>
public static partial class ClientLimits
{
    public const string ApiKeyHeader = "X-Api-Key";
    public const string RateLimited = "rate_limited";
    public const string ServerBusy = "server_busy";
    public const string ApiKeyMissing = "api_key_missing";
    public const string ApiKeyInvalid = "api_key_invalid";

    public static IServiceCollection AddClientLimits(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<ClientLimitOptions>().BindConfiguration(ClientLimitOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new ClientRateLimiter(
            sp.GetRequiredService<IOptions<ClientLimitOptions>>().Value.PermitsPerMinute, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<AnalysisSlots>();
        services.AddHealthChecks().AddCheck<AnalysisSlots.ReadinessCheck>("analysis-slots", tags: ["ready"]);
        return services;
    }

    /// <summary>
    /// For /v1: counts the request against its client, then checks the API key. The key is checked after the count,
    /// so guessing keys costs the guesser's address its budget; each failed attempt is logged, without the key.
    /// </summary>
    public static WebApplication UseClientLimits(this WebApplication app)
    {
        var limiter = app.Services.GetRequiredService<FleetRateLimiter>();
        var keys = app.Services.GetRequiredService<IOptions<ClientLimitOptions>>().Value.ApiKeys;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ClientLimits).FullName!);
        app.Use(async (context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments("/v1", StringComparison.Ordinal))
            {
                await next(context);
                return;
            }

            // With keys off the header means nothing: a random key per request must not buy a fresh budget.
            int key = keys.Count > 0 ? MatchKey(keys, context.Request.Headers[ApiKeyHeader]) : -1;
            string client = key >= 0 ? $"key:{key}" : "ip:" + AddressOf(context);
            context.Items[ClientItem] = client;
            var (acquired, retryAfter) = await limiter.TryAcquireAsync(client, 1, context.RequestAborted);
            if (!acquired)
            {
                await RejectAsync(context, TooManyRequests(context, retryAfter, "This client has used its requests for now. Try again in {0} seconds."));
                return;
            }

            if (keys.Count > 0 && key < 0)
            {
                bool missing = string.IsNullOrEmpty(context.Request.Headers[ApiKeyHeader]);
                KeyRejected(logger, AddressOf(context), missing ? ApiKeyMissing : ApiKeyInvalid);
                await RejectAsync(context, missing
                    ? ApiProblem.Create(StatusCodes.Status401Unauthorized, ApiKeyMissing, "API key required", $"Send your API key in the {ApiKeyHeader} header.")
                    : ApiProblem.Create(StatusCodes.Status401Unauthorized, ApiKeyInvalid, "API key not recognised", $"The key in the {ApiKeyHeader} header is not one this service accepts."));
                return;
            }

            await next(context);
        });
        return app;
    }

    /// <summary>
    /// The client a /v1 request counted against (the configured key it matched, else its address): also the
    /// partition of the reading cache, so a cached reading only ever answers the client that sent the message.
    /// </summary>
    public static string ClientKey(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items.TryGetValue(ClientItem, out var client) && client is string known ? known : "ip:" + AddressOf(context);
    }

    private const string ClientItem = "coach.client";

    /// <summary>
    /// The 429 for a client over its budget, counted, with Retry-After in whole seconds; <paramref name="detail"/>
    /// has "{0}" where the seconds go.
    /// </summary>
    public static ProblemHttpResult TooManyRequests(HttpContext context, TimeSpan retryAfter, string detail)
    {
        ArgumentNullException.ThrowIfNull(context);
        Core.CoachMetrics.RateLimitRejected();
        int seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return ApiProblem.Create(
            StatusCodes.Status429TooManyRequests, RateLimited, "Too many requests", string.Format(CultureInfo.InvariantCulture, detail, seconds));
    }

    /// <summary>The problem for a request that found every analysis slot busy.</summary>
    public static ProblemHttpResult Busy(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Headers.RetryAfter = "1";
        return ApiProblem.Create(StatusCodes.Status503ServiceUnavailable, ServerBusy, "Busy", "The service is busy right now. Try again in a moment.");
    }

    /// <summary>
    /// Reads what is left of a small body before answering: closing a connection with unread bytes makes the kernel
    /// send a reset, which can destroy the answer before the client reads it (81 of 120 rate-limited large bodies).
    /// </summary>
    private static async Task RejectAsync(HttpContext context, ProblemHttpResult problem)
    {
        if (context.Request.ContentLength is null or <= JsonBody.MaxBytes)
        {
            try
            {
                var timeout = context.RequestServices.GetRequiredService<IOptions<ClientLimitOptions>>().Value.BodyReadTimeout;
                using var deadline = new CancellationTokenSource(timeout, context.RequestServices.GetRequiredService<TimeProvider>());
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, context.RequestAborted);
                var result = await context.Request.BodyReader.ReadAtLeastAsync(JsonBody.MaxBytes + 1, linked.Token);
                context.Request.BodyReader.AdvanceTo(result.Buffer.End);
            }
            catch (Exception ex) when (ex is OperationCanceledException or BadHttpRequestException or IOException)
            {
                context.Response.Headers.Connection = "close";
            }
        }
        else
        {
            context.Response.Headers.Connection = "close";
        }

        await problem.ExecuteAsync(context);
    }

    /// <summary>The index of the configured key the request sends, or -1. Compares every key in fixed time.</summary>
    private static int MatchKey(List<string> keys, string? sent)
    {
        if (string.IsNullOrEmpty(sent))
        {
            return -1;
        }

        byte[] sentHash = SHA256.HashData(Encoding.UTF8.GetBytes(sent));
        int match = -1;
        for (int i = 0; i < keys.Count; i++)
        {
            if (CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(keys[i])), sentHash))
            {
                match = i;
            }
        }

        return match;
    }

    /// <summary>The client's address; IPv6 by its /64, since one host commonly holds a whole /64.</summary>
    private static string AddressOf(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            byte[] bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            return new IPAddress(bytes) + "/64";
        }

        return address.ToString();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected a /v1 request from {Client}: {Reason}")]
    private static partial void KeyRejected(ILogger logger, string client, string reason);
}
