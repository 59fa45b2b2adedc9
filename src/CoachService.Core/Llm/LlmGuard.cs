using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace CoachService.Core.Llm;

/// <summary>
/// Runs one LLM call within the configured budget. When the LLM is slow, failing or unusable it logs the kind
/// of failure (never the message) and returns null, so the caller answers from the embedded engines in time.
/// The budget runs on the service's <see cref="TimeProvider"/>, so a test can spend it without waiting.
/// </summary>
public sealed partial class LlmGuard(IOptions<LlmOptions> options, ILogger<LlmGuard> logger, TimeProvider clock)
{
    public bool IsConfigured => options.Value.IsConfigured;

    public async Task<T?> TryAsync<T>(Func<CancellationToken, Task<T>> call, string purpose, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(call);
        if (!IsConfigured)
        {
            return null;
        }

        using var deadline = new CancellationTokenSource(options.Value.Budget, clock);
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            return await call(budget.Token);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && IsLlmFailure(ex))
        {
            LogFallback(logger, purpose, ex.GetType().Name);
            CoachMetrics.LlmFellBack(purpose, ex.GetType().Name);
            return null;
        }
    }

    private static bool IsLlmFailure(Exception ex) =>
        ex is HttpRequestException or TimeoutRejectedException or BrokenCircuitException or OperationCanceledException
            or HttpOperationException or KernelException or JsonException or InvalidOperationException or System.ClientModel.ClientResultException;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The LLM could not provide {Purpose} ({Failure}); the embedded engine answered.")]
    private static partial void LogFallback(ILogger logger, string purpose, string failure);
}
