using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using StackExchange.Redis;

namespace CoachService.Api.Http;

/// <summary>
/// The per-client rate limit, shared by every replica when Redis is configured: the same cell rate algorithm as
/// <see cref="ClientRateLimiter"/> (<c>PermitsPerMinute</c> at once, then one every 60 s / <c>PermitsPerMinute</c>, a
/// batch taking all its permits or none), run as one Lua script on Redis's clock, so the fleet as a whole holds
/// each client to one budget. Without Redis, or while it is unreachable, the replica's own
/// <see cref="ClientRateLimiter"/> answers: no request fails because Redis did.
/// <para>
/// Why StackExchange.Redis and a script rather than RedisRateLimiting.AspNetCore: that package offers fixed and
/// sliding windows and a token bucket that refills on a tick, each a different rule from the one this service
/// documents and tests (no tick; a client gets no more than its budget in any minute), and its limiter does not fall
/// back to a local one when Redis is away. The script is the in-process algorithm line for line, on one key per client.
/// </para>
/// </summary>
public sealed class FleetRateLimiter
{
    // KEYS[1]: the client's key. ARGV: interval and tolerance in microseconds, permits. Returns {1, 0} when taken,
    // {0, microseconds to wait} when not. The key holds when the client's schedule is due, and expires when its
    // budget is full again (the in-process limiter's sweep).
    private const string Script = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
        local interval = tonumber(ARGV[1])
        local tolerance = tonumber(ARGV[2])
        local due = tonumber(redis.call('GET', KEYS[1]) or '0')
        local last = math.max(due, now) + (tonumber(ARGV[3]) - 1) * interval
        if last - now > tolerance then
          return {0, last - now - tolerance}
        end
        local nextDue = last + interval
        redis.call('SET', KEYS[1], string.format('%.0f', nextDue), 'PX', math.ceil((nextDue - now) / 1000))
        return {1, 0}
        """;

    private readonly ClientRateLimiter _local;
    private readonly RedisLink? _redis;
    private readonly long _interval;
    private readonly long _tolerance;

    public FleetRateLimiter(ClientRateLimiter local, int permitsPerMinute, RedisLink? redis)
    {
        ArgumentNullException.ThrowIfNull(local);
        ArgumentOutOfRangeException.ThrowIfLessThan(permitsPerMinute, 1);
        _local = local;
        _redis = redis;
        _interval = Math.Max(1, 60_000_000L / permitsPerMinute);
        _tolerance = _interval * (permitsPerMinute - 1);
    }

    /// <summary>Takes <paramref name="permits"/> permits for the client, or says how long until it has them; takes none when it cannot take all.</summary>
    public async ValueTask<(bool Acquired, TimeSpan RetryAfter)> TryAcquireAsync(string client, int permits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentOutOfRangeException.ThrowIfLessThan(permits, 1);
        if (_redis is not null && _redis.IsUp(RedisLink.RateLimitPart))
        {
            try
            {
                var result = (RedisResult[])(await _redis.Connection.GetDatabase()
                    .ScriptEvaluateAsync(Script, [KeyOf(client)], [_interval, _tolerance, permits])
                    .WaitAsync(cancellationToken))!;
                _redis.Succeeded();
                return ((long)result[0] == 1, TimeSpan.FromMicroseconds((long)result[1]));
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                _redis.Failed(RedisLink.RateLimitPart, ex);
            }
        }

        bool acquired = _local.TryAcquire(client, permits, out var retryAfter);
        return (acquired, retryAfter);
    }

    /// <summary>
    /// The client's key in Redis: an HMAC of its name (an address or an API key's index) under the deployment's salt,
    /// so Redis holds no address. Replicas must agree on it, so without a configured salt it is a plain SHA-256.
    /// The interval is part of it, so replicas configured with different budgets do not share one.
    /// </summary>
    private RedisKey KeyOf(string client)
    {
        byte[] name = Encoding.UTF8.GetBytes(client);
        byte[] hash = _redis!.SaltConfigured ? HMACSHA256.HashData(_redis.Salt, name) : SHA256.HashData(name);
        return "coach:rate:" + Base64Url.EncodeToString(hash.AsSpan(0, 18)) + ":" + _interval.ToString(CultureInfo.InvariantCulture);
    }
}
