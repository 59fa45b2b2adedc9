using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;
using CoachService.Core;
using CoachService.Core.Reading;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CoachService.Api.Http;

/// <summary>"Coach:Fleet": what replicas behind one load balancer share through Redis (ConnectionStrings:Redis).</summary>
public sealed class FleetOptions
{
    public const string SectionName = "Coach:Fleet";

    /// <summary>
    /// The deployment's secret for the names (and seals) of what goes into Redis: the same on every replica, at least
    /// 16 characters. Without it each replica makes its own at start, so rate limits are still shared but cached
    /// readings are not.
    /// </summary>
    [MinLength(16)]
    public string? Salt { get; set; }

    /// <summary>How long a shared reading stays in Redis.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ReadingLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The longest one Redis command may take before the replica uses its own limits and cache for that request.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:10")]
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The longest a connection attempt to Redis may take (it is retried in the background).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(2);
}

/// <summary>
/// Redis for a fleet, only when ConnectionStrings:Redis is set: the per-client rate limit (<see cref="FleetRateLimiter"/>)
/// and a second level of the reading cache (<see cref="SharedReadings"/>, HybridCache over Redis). Without the
/// connection string nothing here is registered but the limiter, which then is the in-process one, as before.
/// </summary>
public static class FleetSetup
{
    public const string ConnectionName = "Redis";

    public static IServiceCollection AddCoachFleet(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<FleetOptions>().BindConfiguration(FleetOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new FleetRateLimiter(
            sp.GetRequiredService<ClientRateLimiter>(), sp.GetRequiredService<IOptions<ClientLimitOptions>>().Value.PermitsPerMinute, sp.GetService<RedisLink>()));

        string? connection = configuration.GetConnectionString(ConnectionName);
        if (string.IsNullOrWhiteSpace(connection))
        {
            return services;
        }

        services.AddSingleton(sp => RedisLink.Connect(
            connection, sp.GetRequiredService<IOptions<FleetOptions>>().Value, sp.GetRequiredService<ILogger<RedisLink>>()));
        services.AddStackExchangeRedisCache(redis =>
        {
            redis.InstanceName = "coach:";
            redis.ConnectionMultiplexerFactory = null; // set below, once the link exists
        });
        services.AddOptions<Microsoft.Extensions.Caching.StackExchangeRedis.RedisCacheOptions>()
            .Configure<IServiceProvider>((redis, sp) => redis.ConnectionMultiplexerFactory = () => Task.FromResult(sp.GetRequiredService<RedisLink>().Connection));
        services.AddHybridCache();
        services.AddSingleton(sp =>
        {
            var link = sp.GetRequiredService<RedisLink>();
            // Readings are shared only under the deployment's salt (a salt made per process would fill Redis with
            // entries no other replica can open), and only between replicas running the same models.
            var versions = sp.GetRequiredService<ServiceVersions>();
            return new SharedReadings(
                sp.GetRequiredService<HybridCache>(), link.Salt, sp.GetRequiredService<IOptions<FleetOptions>>().Value.ReadingLifetime,
                () => link.SaltConfigured && link.IsUp(RedisLink.ReadingCachePart), $"{versions.Model}.{versions.Encoder}.{versions.Safety}");
        });
        return services;
    }
}

/// <summary>
/// The replica's one connection to Redis, with short timeouts and no waiting for a lost connection (commands fail
/// at once and the replica uses its own limits and cache; the connection is retried in the background). Losing and
/// regaining Redis is logged once each way, with the endpoint and the failure type only; every request that falls
/// back is counted in <c>coach.redis.fallbacks</c>.
/// </summary>
public sealed partial class RedisLink : IDisposable
{
    public const string RateLimitPart = "rate_limit";
    public const string ReadingCachePart = "reading_cache";

    private readonly ILogger _logger;
    private readonly string _endpoint;
    private volatile bool _failing;

    private RedisLink(IConnectionMultiplexer connection, byte[]? configuredSalt, ILogger logger)
    {
        Connection = connection;
        SaltConfigured = configuredSalt is not null;
        Salt = configuredSalt ?? RandomNumberGenerator.GetBytes(32);
        _logger = logger;
        _endpoint = string.Join(",", connection.GetEndPoints().Select(e => e.ToString()));
        connection.ConnectionFailed += (_, e) => Lost(_logger, _endpoint, e.FailureType);
        connection.ConnectionRestored += (_, _) => Restored(_logger, _endpoint);
    }

    public IConnectionMultiplexer Connection { get; }

    /// <summary>The deployment's salt (configured), or one made for this process.</summary>
    public byte[] Salt { get; }

    /// <summary>Whether <see cref="Salt"/> is the deployment's, the same on every replica.</summary>
    public bool SaltConfigured { get; }

    public static RedisLink Connect(string connectionString, FleetOptions options, ILogger<RedisLink> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var configuration = ConfigurationOptions.Parse(connectionString);
        configuration.AbortOnConnectFail = false;
        configuration.ConnectTimeout = (int)options.ConnectTimeout.TotalMilliseconds;
        configuration.SyncTimeout = configuration.AsyncTimeout = (int)options.OperationTimeout.TotalMilliseconds;
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        configuration.ConnectRetry = 1;
        byte[]? salt = string.IsNullOrEmpty(options.Salt) ? null : Encoding.UTF8.GetBytes(options.Salt);
        if (salt is null)
        {
            NoSalt(logger);
        }

        // AbortOnConnectFail=false: start even when Redis is away; the connection comes when Redis does.
        return new RedisLink(ConnectionMultiplexer.Connect(configuration), salt, logger);
    }

    /// <summary>Whether Redis can be used now; when not, counts this request's fallback for <paramref name="part"/>.</summary>
    public bool IsUp(string part)
    {
        if (Connection.IsConnected)
        {
            return true;
        }

        Core.CoachMetrics.RedisFellBack(part);
        return false;
    }

    /// <summary>A command that failed or timed out: counted, and logged when it is the first of a run of failures.</summary>
    public void Failed(string part, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        Core.CoachMetrics.RedisFellBack(part);
        if (!_failing)
        {
            _failing = true;
            CommandFailed(_logger, part, exception.GetType().Name);
        }
    }

    /// <summary>A command that worked: the next failure is logged again.</summary>
    public void Succeeded() => _failing = false;

    public void Dispose() => Connection.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "No Coach:Fleet:Salt is configured: this replica made its own, so cached readings are not shared across replicas (rate limits are, under unsalted hashes of the client); set the same salt on every replica to share them")]
    private static partial void NoSalt(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost Redis at {Endpoint} ({Failure}): this replica uses its own rate limits and cache until it is back")]
    private static partial void Lost(ILogger logger, string endpoint, ConnectionFailureType failure);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis at {Endpoint} is back: rate limits and cached readings are shared again")]
    private static partial void Restored(ILogger logger, string endpoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A Redis command for the {Part} failed ({Error}): this replica uses its own until Redis answers again")]
    private static partial void CommandFailed(ILogger logger, string part, string error);
}
