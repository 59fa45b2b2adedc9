using System.Threading.RateLimiting;
using CoachService.Core.Reading;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace CoachService.Api.Http;

/// <summary>
/// The CPU-heavy part of a request (analysis, rewriting, reflection) runs in one of <c>ConcurrentAnalyses</c>
/// slots. Endpoints take a slot only after the body is read and valid, and hold it only around the analysis; a
/// request waits at most <c>QueueTimeout</c> behind <c>QueueLimit</c> others, then gets 503 server_busy.
/// </summary>
public sealed class AnalysisSlots : IDisposable
{
    private readonly ConcurrencyLimiter _limiter;
    private readonly TimeProvider _clock;
    private readonly ClientLimitOptions _options;

    public AnalysisSlots(IOptions<ClientLimitOptions> options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _clock = clock;
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = _options.ConcurrentAnalyses,
            QueueLimit = _options.QueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    public int Available => (int)_limiter.GetStatistics()!.CurrentAvailablePermits;

    public int Waiting => (int)_limiter.GetStatistics()!.CurrentQueuedCount;

    /// <summary>A slot, or null when the queue is full or the wait passed its time-out. Dispose the slot when done.</summary>
    public async Task<IDisposable?> EnterAsync(CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.QueueTimeout, _clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            var lease = await _limiter.AcquireAsync(1, linked.Token);
            if (lease.IsAcquired)
            {
                return lease;
            }

            lease.Dispose();
            return null;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>
    /// The analysis part of a request, the same for every endpoint: the readings another replica shared for these texts
    /// are fetched first (before a slot is taken, so waiting on Redis holds no slot), the work runs in a slot, and the
    /// readings it made are shared after. Null when no slot came free (the caller answers 503 server_busy).
    /// </summary>
    public async Task<T?> RunAsync<T>(ReadingCache readings, string client, IReadOnlyList<string> texts, Func<Task<T>> work, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(readings);
        ArgumentNullException.ThrowIfNull(work);
        await readings.FetchSharedAsync(client, texts, cancellationToken);
        T result;
        using (var slot = await EnterAsync(cancellationToken))
        {
            if (slot is null)
            {
                return null;
            }

            result = await work();
        }

        await readings.ShareAsync(client, texts, cancellationToken);
        return result;
    }

    public void Dispose() => _limiter.Dispose();

    /// <summary>Readiness tells a load balancer what a request would meet: degraded while analyses queue, unhealthy when the queue is full.</summary>
    internal sealed class ReadinessCheck(AnalysisSlots slots) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            int waiting = slots.Waiting;
            var data = new Dictionary<string, object> { ["available"] = slots.Available, ["waiting"] = waiting };
            var result = waiting >= slots._options.QueueLimit && slots.Available == 0
                ? HealthCheckResult.Unhealthy($"Saturated: every analysis slot is busy and {waiting} requests wait (the queue is full).", data: data)
                : slots.Available == 0
                    ? HealthCheckResult.Degraded($"Every analysis slot is busy; {waiting} requests wait.", data: data)
                    : HealthCheckResult.Healthy("Analysis slots are free.", data);
            return Task.FromResult(result);
        }
    }
}
