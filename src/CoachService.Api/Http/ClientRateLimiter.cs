namespace CoachService.Api.Http;

/// <summary>
/// Per-client request budget as a generic cell rate algorithm: a client may send <c>PermitsPerMinute</c> at once,
/// then one every 60 s / <c>PermitsPerMinute</c>, each client on its own clock. One token per request, no global
/// refill tick (which let a client spend a full bucket on either side of it), and one number per client, kept only
/// while the client is below its full budget.
/// </summary>
public sealed class ClientRateLimiter
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly TimeProvider _clock;
    private readonly long _interval;   // clock ticks a permit takes to come back
    private readonly long _tolerance;  // how far ahead of now a client's schedule may run
    private readonly int _maxClients;
    private readonly Dictionary<string, long> _schedule = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private long _nextSweep;

    public ClientRateLimiter(int permitsPerMinute, TimeProvider clock, int maxClients = 100_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(permitsPerMinute, 1);
        ArgumentNullException.ThrowIfNull(clock);
        _clock = clock;
        _interval = Math.Max(1, (long)(Window.TotalSeconds * clock.TimestampFrequency / permitsPerMinute));
        _tolerance = _interval * (permitsPerMinute - 1);
        _maxClients = maxClients;
    }

    /// <summary>Clients the limiter holds a number for (those below their full budget).</summary>
    public int TrackedClients
    {
        get
        {
            lock (_gate)
            {
                return _schedule.Count;
            }
        }
    }

    /// <summary>Takes one permit for the client, or says how long until it has one.</summary>
    public bool TryAcquire(string client, out TimeSpan retryAfter) => TryAcquire(client, 1, out retryAfter);

    /// <summary>Takes <paramref name="permits"/> permits at once (a batch costs one per item), or says how long until the client has them; takes none when it cannot take all.</summary>
    public bool TryAcquire(string client, int permits, out TimeSpan retryAfter)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentOutOfRangeException.ThrowIfLessThan(permits, 1);
        long now = _clock.GetTimestamp();
        lock (_gate)
        {
            SweepIfDue(now);

            // A client that is new while the table is full shares one budget with every other such client: the
            // table stays bounded whatever addresses arrive, and the known clients keep their own budgets.
            if (!_schedule.TryGetValue(client, out long due) && _schedule.Count >= _maxClients)
            {
                client = "overflow";
                _schedule.TryGetValue(client, out due);
            }

            long start = Math.Max(due, now);
            long last = start + ((permits - 1) * _interval);
            if (last - now > _tolerance)
            {
                retryAfter = TimeSpan.FromSeconds((double)(last - now - _tolerance) / _clock.TimestampFrequency);
                return false;
            }

            _schedule[client] = last + _interval;
            retryAfter = TimeSpan.Zero;
            return true;
        }
    }

    /// <summary>Forgets clients whose budget is full again (about once per window): they are as good as new.</summary>
    private void SweepIfDue(long now)
    {
        if (now < _nextSweep)
        {
            return;
        }

        foreach (var (client, due) in _schedule)
        {
            if (due <= now)
            {
                _schedule.Remove(client);
            }
        }

        _nextSweep = now + (long)(Window.TotalSeconds * _clock.TimestampFrequency);
    }
}
