using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;

namespace CoachService.Core.Reading;

/// <summary>
/// Recent readings, so a client that checks the same message again (typing, then pressing the button twice) is
/// answered without running the encoder. Entries are keyed by an HMAC of the client and the text under a key made
/// fresh for each process. An entry holds neither the text nor its token ids (see <see cref="WithoutText"/>), and one
/// client's entries can never answer another client, so
/// how fast an answer comes tells nobody what anybody else has sent. Bounded in count and in time.
/// With a fleet's <see cref="SharedReadings"/> (Redis configured), the API also fetches and shares readings of the
/// messages it is sent, so the replicas answer each other's repeats; without one, nothing leaves the process.
/// </summary>
public sealed class ReadingCache : IDisposable
{
    public const int DefaultSize = 5_000;

    /// <summary>How long an unused reading stays.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly MemoryCache? _cache;
    private readonly SharedReadings? _shared;

    // Entries the shared level already holds (fetched from it, or shared): each is sent to Redis at most once.
    private readonly ConditionalWeakTable<MessageReading, object> _inShared = [];

    /// <param name="size">How many readings to keep; 0 for none.</param>
    /// <param name="timeProvider">The clock that ages entries.</param>
    /// <param name="shared">The fleet's shared level, when Redis is configured.</param>
    public ReadingCache(int size, TimeProvider? timeProvider = null, SharedReadings? shared = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        _shared = size == 0 ? null : shared;
        _cache = size == 0 ? null : new MemoryCache(new MemoryCacheOptions
        {
            SizeLimit = size,
            CompactionPercentage = 0.25,
            Clock = timeProvider is null ? null : new Clock(timeProvider),
        });
    }

    /// <param name="client">Who asks (an API key's name or an address); null or empty for a local caller such as the CLI.</param>
    /// <param name="text">The message.</param>
    /// <param name="read">Reads the message when it is not cached for this client.</param>
    public MessageReading GetOrRead(string? client, string text, Func<string, MessageReading> read)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(read);
        if (_cache is null)
        {
            return read(text);
        }

        string key = Key(client, text);
        bool hit = _cache.TryGetValue(key, out MessageReading? cached) && cached is not null;
        CoachMetrics.CacheLookup(hit);
        if (hit)
        {
            return cached! with { Text = text };
        }

        var reading = read(text);
        _cache.Set(key, WithoutText(reading), new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = Lifetime });
        return reading;
    }

    /// <summary>As <see cref="GetOrRead"/> for several messages: those not cached for this client are read together, in one call.</summary>
    public IReadOnlyList<MessageReading> GetOrReadMany(string? client, IReadOnlyList<string> texts, Func<IReadOnlyList<string>, IReadOnlyList<MessageReading>> readMany)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(readMany);
        if (_cache is null)
        {
            return readMany(texts);
        }

        var keys = texts.Select(t => Key(client, t)).ToList();
        var readings = new MessageReading?[texts.Count];
        var missing = new List<int>();
        for (int i = 0; i < texts.Count; i++)
        {
            bool hit = _cache.TryGetValue(keys[i], out MessageReading? cached) && cached is not null;
            CoachMetrics.CacheLookup(hit);
            if (hit)
            {
                readings[i] = cached! with { Text = texts[i] };
            }
            else if (!missing.Any(m => keys[m] == keys[i]))
            {
                missing.Add(i);
            }
        }

        var read = readMany([.. missing.Select(i => texts[i])]);
        for (int m = 0; m < missing.Count; m++)
        {
            _cache.Set(keys[missing[m]], WithoutText(read[m]), new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = Lifetime });
            readings[missing[m]] = read[m];
        }

        // A message sent twice in one batch was read once.
        for (int i = 0; i < texts.Count; i++)
        {
            readings[i] ??= readings[missing.First(m => keys[m] == keys[i])]! with { Text = texts[i] };
        }

        return readings!;
    }

    /// <summary>
    /// Brings the readings of these messages that a replica shared into this process's cache, so the analysis that
    /// follows hits it. Does nothing without a shared level, for messages already cached here, or when Redis is away.
    /// </summary>
    public async Task FetchSharedAsync(string? client, IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (_shared is null || _cache is null)
        {
            return;
        }

        var wanted = texts.Distinct(StringComparer.Ordinal).Where(t => !_cache.TryGetValue(Key(client, t), out _)).ToList();
        var found = await Task.WhenAll(wanted.Select(t => _shared.GetAsync(client, t, cancellationToken)));
        for (int i = 0; i < wanted.Count; i++)
        {
            if (found[i] is { } reading)
            {
                _inShared.AddOrUpdate(reading, this);
                _cache.Set(Key(client, wanted[i]), reading, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = Lifetime });
            }
        }
    }

    /// <summary>Shares the cached readings of these messages that the shared level does not hold yet (see <see cref="SharedReadings"/> for what is stored).</summary>
    public async Task ShareAsync(string? client, IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (_shared is null || _cache is null)
        {
            return;
        }

        var sharing = new List<Task>();
        foreach (string text in texts.Distinct(StringComparer.Ordinal))
        {
            if (_cache.TryGetValue(Key(client, text), out MessageReading? reading) && reading is not null && !_inShared.TryGetValue(reading, out _))
            {
                _inShared.AddOrUpdate(reading, this);
                sharing.Add(_shared.SetAsync(client, text, reading, cancellationToken));
            }
        }

        await Task.WhenAll(sharing);
    }

    private string Key(string? client, string text) =>
        Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes((client ?? "") + "\0" + text)));

    /// <summary>
    /// What an entry keeps: the vectors, the cue logits and where each token sits, but not the text and not the
    /// token ids (which spell it); the caller who hits the entry brings the text back with it.
    /// </summary>
    private static MessageReading WithoutText(MessageReading reading) =>
        reading with { Text = "", Tokens = [.. reading.Tokens.Select(t => t with { Id = 0 })] };

    public void Dispose() => _cache?.Dispose();

#pragma warning disable CS0618 // ISystemClock is what MemoryCacheOptions takes for a test clock.
    private sealed class Clock(TimeProvider time) : Microsoft.Extensions.Internal.ISystemClock
    {
        public DateTimeOffset UtcNow => time.GetUtcNow();
    }
#pragma warning restore CS0618
}
