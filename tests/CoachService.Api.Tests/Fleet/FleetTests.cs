using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using CoachService.Core;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace CoachService.Api.Tests.Fleet;

/// <summary>
/// Two replicas (two hosts of the real app) sharing one real redis-server on loopback: one rate limit between
/// them, readings one replica made answering the other without any message text in Redis, and Redis killed in the
/// middle of a run without a failed request.
/// </summary>
public sealed class FleetTests : IDisposable
{
    private const string Marker = "QUOKKAZEBRA";
    private const string Salt = "fleet-test-salt-0123456789";

    private readonly RedisServer _redis = new();
    private readonly List<WebApplicationFactory<Program>> _replicas = [];
    private readonly CapturingLoggerProvider _logs = new();
    private readonly MeterListener _meters = new();
    private readonly ConcurrentDictionary<string, long> _counts = new();

    public FleetTests()
    {
        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == CoachMetrics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string name = instrument.Name;
            foreach (var tag in tags)
            {
                name += $"|{tag.Key}={tag.Value}";
            }

            _counts.AddOrUpdate(name, value, (_, old) => old + value);
        });
        _meters.Start();
    }

    public void Dispose()
    {
        foreach (var replica in _replicas)
        {
            replica.Dispose();
        }

        _meters.Dispose();
        _logs.Dispose();
        _redis.Dispose();
    }

    private HttpClient Replica(int permitsPerMinute = 1_000_000)
    {
        var replica = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("ConnectionStrings:Redis", _redis.ConnectionString);
            builder.UseSetting("Coach:Fleet:Salt", Salt);
            builder.UseSetting("Coach:Clients:PermitsPerMinute", permitsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.ConfigureLogging(logging => logging.AddProvider(_logs).AddFilter<CapturingLoggerProvider>(null, LogLevel.Trace));
        });
        _replicas.Add(replica);
        return replica.CreateClient();
    }

    private long Count(string name) => _counts.TryGetValue(name, out long n) ? n : 0;

    [SkippableFact]
    public async Task RateLimit_TwoReplicasOneRedis_HoldTheClientToOneBudget()
    {
        RedisServer.SkipUnlessInstalled();
        _redis.Start();
        var a = Replica(permitsPerMinute: 10);
        var b = Replica(permitsPerMinute: 10);

        // 16 requests from one client, alternating replicas, well within the 6 s a permit takes to come back.
        var statuses = new List<HttpStatusCode>();
        for (int i = 0; i < 16; i++)
        {
            using var response = await (i % 2 == 0 ? a : b).GetAsync("/v1/articles");
            statuses.Add(response.StatusCode);
        }

        // Each replica alone would allow 10; together they allow 10, and then both refuse.
        Assert.Equal(10, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(6, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^2]);
        Assert.True(_redis.Dump().Any(e => e.Key.StartsWith("coach:rate:", StringComparison.Ordinal)), "no rate-limit key in Redis");
    }

    [SkippableFact]
    public async Task SharedCache_ReadingMadeByOneReplica_AnswersTheOtherAndRedisHoldsNoText()
    {
        RedisServer.SkipUnlessInstalled();
        _redis.Start();
        var a = Replica();
        var b = Replica();
        string text = $"You never listen to me, {Marker}. Typical. Late again.";

        var first = await (await a.PostAsJsonAsync("/v1/analyze", new { text })).EnsureSuccessStatusCode().Content.ReadAsStringAsync();
        long hitsBefore = Count("coach.reading_cache.shared_lookups|result=hit");
        var second = await (await b.PostAsJsonAsync("/v1/analyze", new { text })).EnsureSuccessStatusCode().Content.ReadAsStringAsync();
        (await b.PostAsJsonAsync("/v1/rewrite", new { text })).EnsureSuccessStatusCode();
        (await a.PostAsJsonAsync("/v1/analyze/batch", new { items = new[] { new { text = text + " Again." }, new { text } } })).EnsureSuccessStatusCode();

        // B read nothing itself: its answer came from A's shared reading, and is the same answer.
        Assert.Equal(1, Count("coach.reading_cache.shared_lookups|result=hit") - hitsBefore);
        Assert.Equal(first, second);

        var dump = _redis.Dump();
        Assert.Contains(dump, e => e.Key.StartsWith("coach:reading:", StringComparison.Ordinal));
        foreach (var (key, values) in dump)
        {
            Assert.DoesNotContain(Marker, key, StringComparison.OrdinalIgnoreCase);
            foreach (byte[] value in values)
            {
                foreach (var encoding in new Encoding[] { Encoding.UTF8, Encoding.Unicode })
                {
                    Assert.DoesNotContain(Marker, encoding.GetString(value), StringComparison.OrdinalIgnoreCase);
                }
            }
        }
    }

    [SkippableFact]
    public async Task RedisKilled_MidRun_NoRequestFailsAndTheFallbackIsCountedAndLoggedWithoutText()
    {
        RedisServer.SkipUnlessInstalled();
        _redis.Start();
        var replicas = new[] { Replica(), Replica() };
        var failures = new List<string>();

        async Task RunAsync(int from, int to)
        {
            for (int i = from; i < to; i++)
            {
                var client = replicas[i % 2];
                using var analyzed = await client.PostAsJsonAsync("/v1/analyze", new { text = $"You never call me back, {Marker} {i}." });
                using var articles = await client.GetAsync("/v1/articles");
                foreach (var response in new[] { analyzed, articles })
                {
                    if (!response.IsSuccessStatusCode)
                    {
                        failures.Add($"{i}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                    }
                }
            }
        }

        await RunAsync(0, 20);
        _redis.Kill();
        await RunAsync(20, 60);

        Assert.Empty(failures);
        Assert.True(Count("coach.redis.fallbacks|part=rate_limit") > 0, "no rate-limit fallback counted");
        Assert.True(Count("coach.redis.fallbacks|part=reading_cache") > 0, "no reading-cache fallback counted");
        Assert.Contains(_logs.Lines, l => l.Contains("Lost Redis", StringComparison.Ordinal));
        Assert.DoesNotContain(_logs.Lines, l => l.Contains(Marker, StringComparison.OrdinalIgnoreCase));
    }
}
