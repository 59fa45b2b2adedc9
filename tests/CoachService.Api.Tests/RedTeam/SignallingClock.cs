using Microsoft.Extensions.Time.Testing;

namespace CoachService.Api.Tests.RedTeam;

/// <summary>A fake clock that says when the service starts a timer of a given length, so a test advances time only after.</summary>
internal sealed class SignallingClock : FakeTimeProvider
{
    private readonly List<(TimeSpan DueTime, TaskCompletionSource Started)> _waiting = [];

    /// <summary>Completes when a timer with this due time is created (from now on).</summary>
    public Task TimerStarted(TimeSpan dueTime)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waiting)
        {
            _waiting.Add((dueTime, started));
        }

        return started.Task;
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        lock (_waiting)
        {
            foreach (var waiting in _waiting.Where(w => w.DueTime == dueTime).ToList())
            {
                waiting.Started.TrySetResult();
                _waiting.Remove(waiting);
            }
        }

        return timer;
    }
}
