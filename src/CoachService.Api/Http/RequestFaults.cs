using Microsoft.AspNetCore.Diagnostics;

namespace CoachService.Api.Http;

/// <summary>
/// Faults of the request rather than of the service: a malformed body that escaped the endpoint, or a client that
/// went away. They get a 4xx (or nothing, when nobody is listening) and one quiet log line, never a 500 with a
/// stack trace. Anything else falls through to the framework's 500.
/// </summary>
public sealed partial class RequestFaults(ILogger<RequestFaults> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (httpContext.RequestAborted.IsCancellationRequested && exception is OperationCanceledException or IOException)
        {
            ClientWentAway(logger, httpContext.Request.Path);
            return true;
        }

        if (exception is BadHttpRequestException bad)
        {
            MalformedRequest(logger, httpContext.Request.Path, bad.StatusCode);
            httpContext.Response.Headers.Connection = "close";
            await ApiProblem.ForBadHttpRequest(bad).ExecuteAsync(httpContext);
            return true;
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "The client closed the connection during {Path}")]
    private static partial void ClientWentAway(ILogger logger, PathString path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rejected a malformed request to {Path} with {Status}")]
    private static partial void MalformedRequest(ILogger logger, PathString path, int status);
}
