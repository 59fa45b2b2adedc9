using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace CoachService.Api.Tests;

/// <summary>
/// Writes the server's log to the running test's output: level, category, event and the formatted line (the app
/// logs no message text), and of an exception only its type, since an exception's message may quote its input.
/// </summary>
internal sealed class TestOutputLoggerProvider : ILoggerProvider
{
    /// <summary>The test to write to; null writes nowhere (between the tests of a shared app).</summary>
    public ITestOutputHelper? Output { get; set; }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() => Output = null;

    private sealed class Logger(TestOutputLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => owner.Output is not null;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (owner.Output is not { } output)
            {
                return;
            }

            string line = $"[server] {logLevel} {category}[{eventId.Id}]: {formatter(state, null)}{(exception is null ? "" : $" ({exception.GetType().Name})")}";
            try
            {
                output.WriteLine(line);
            }
            catch (InvalidOperationException)
            {
                // The test finished while the server was still logging (a background request ending): nowhere to write.
            }
        }
    }
}
