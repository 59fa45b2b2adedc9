using CoachService.Core;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CoachService.Api.Http;

/// <summary>The HTTP concerns shared by every endpoint: problem details, errors, caching headers, OpenAPI, health.</summary>
public static class HttpSetup
{
    public static IServiceCollection AddCoachHttp(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            // Errors raised by the framework (404, 405, unhandled exceptions) get a code like the endpoints' own.
            int status = context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode;
            context.ProblemDetails.Extensions.TryAdd("code", ApiProblem.CodeFor(status));
            if (status >= 500)
            {
                // Never show exception details: they could quote the message.
                context.ProblemDetails.Detail = "Something went wrong on our side. Please try again; your message was not stored.";
                context.ProblemDetails.Extensions.Remove("exception");
            }

            context.ProblemDetails.Detail ??= status switch
            {
                StatusCodes.Status404NotFound => "There is nothing at this address. The API lives under /v1; see /openapi/v1.json.",
                StatusCodes.Status405MethodNotAllowed => "This address does not accept that HTTP method; see /openapi/v1.json.",
                StatusCodes.Status415UnsupportedMediaType => "Send the request body as JSON with the header Content-Type: application/json.",
                _ => "The request could not be handled.",
            };
        });
        services.AddOpenApi();
        services.AddHealthChecks().AddCheck<ModelsReadyCheck>("models", tags: ["ready"]);
        return services;
    }

    /// <summary>The page may load its own script, styles and data, and nothing else; no inline script runs.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static WebApplication UseCoachHttp(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;

            // Responses are about someone's private message: no cache anywhere may keep them.
            headers.CacheControl = "no-store";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            return next(context);
        });
        app.UseDefaultFiles();
        app.UseStaticFiles();
        return app;
    }

    /// <summary>Ready once the models are loaded; they load before the server starts, so a running app that fails this has lost them.</summary>
    private sealed class ModelsReadyCheck(MessageCoach coach) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(coach.Analyze("Could we talk tonight?", client: null, cancellationToken).Sentences.Count == 1
                ? HealthCheckResult.Healthy("Models loaded.")
                : HealthCheckResult.Unhealthy("The blame models did not answer."));
    }
}
