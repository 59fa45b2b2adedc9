using CoachService.Core;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
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
            bool fromEndpoint = context.ProblemDetails.Extensions.ContainsKey("code");
            context.ProblemDetails.Extensions.TryAdd("code", ApiProblem.CodeFor(status));
            context.ProblemDetails.Extensions.Remove("exception");
            if (status >= 500 && !fromEndpoint)
            {
                // Never show exception details: they could quote the message. Our own 5xx (server_busy) keep theirs.
                context.ProblemDetails.Detail = "Something went wrong on our side. Please try again; your message was not stored.";
            }

            context.ProblemDetails.Detail ??= status switch
            {
                StatusCodes.Status404NotFound => "There is nothing at this address. The API lives under /v1; see /openapi/v1.json.",
                StatusCodes.Status405MethodNotAllowed => "This address does not accept that HTTP method; see /openapi/v1.json.",
                StatusCodes.Status415UnsupportedMediaType => "Send the request body as JSON with the header Content-Type: application/json.",
                _ => "The request could not be handled.",
            };
        });
        services.AddExceptionHandler<RequestFaults>();
        services.Configure<KestrelServerOptions>(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = JsonBody.MaxBytes;

            // Kestrel answers its own 414 and 431 with an empty body and none of our headers, and that cannot be
            // customised; with its limits above ours, a request over ours reaches RequestHeadLimits below instead.
            kestrel.Limits.MaxRequestLineSize = 4 * MaxRequestTargetLength;
            kestrel.Limits.MaxRequestHeadersTotalSize = 2 * MaxRequestHeadersBytes;
            kestrel.Limits.MaxRequestHeaderCount = 2 * MaxRequestHeaderCount;
        });
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, Contracts.CoachJsonContext.Default));
        services.AddOpenApi(OpenApiSetup.Configure);
        services.AddHealthChecks().AddCheck<ModelsReadyCheck>("models", tags: ["ready"]);
        return services;
    }

    /// <summary>The page may load its own script, styles and data, and nothing else; no inline script runs.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Longest request target (path and query) accepted, in characters.</summary>
    public const int MaxRequestTargetLength = 8 * 1024;

    /// <summary>Largest total size of the request headers accepted, in characters.</summary>
    public const int MaxRequestHeadersBytes = 32 * 1024;

    public const int MaxRequestHeaderCount = 100;

    /// <summary>
    /// The interactive API reference (Scalar, at /docs) configures itself with an inline module script and inline
    /// styles; it shows only the public OpenAPI document, never a message, so only its pages may run them.
    /// </summary>
    public const string ApiReferencePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>What every response carries, whatever its status, including the exception handler's 500.</summary>
    /// <param name="headers">The response's headers.</param>
    /// <param name="apiReference">Whether the response is a page of the interactive API reference (<see cref="ApiReferencePolicy"/>).</param>
    public static void AddSecurityHeaders(IHeaderDictionary headers, bool apiReference = false)
    {
        ArgumentNullException.ThrowIfNull(headers);

        // Responses are about someone's private message: no cache anywhere may keep them.
        headers.CacheControl = "no-store";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.ContentSecurityPolicy = apiReference ? ApiReferencePolicy : ContentSecurityPolicy;
        headers["Permissions-Policy"] = PermissionsPolicy;
    }

    /// <summary>The page uses no device or payment feature.</summary>
    public const string PermissionsPolicy =
        "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()";

    public static WebApplication UseCoachHttp(this WebApplication app)
    {
        // Set as the headers go out, so the exception handler clearing the response cannot drop them.
        app.Use((context, next) =>
        {
            context.Response.OnStarting(static state =>
            {
                var response = (HttpResponse)state;
                AddSecurityHeaders(response.Headers, response.HttpContext.Request.Path.StartsWithSegments(OpenApiSetup.ReferencePath, StringComparison.Ordinal));
                return Task.CompletedTask;
            }, context.Response);
            return next(context);
        });
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.Use(RequestHeadLimits);
        app.UseDefaultFiles();
        app.UseStaticFiles();
        return app;
    }

    private static Task RequestHeadLimits(HttpContext context, RequestDelegate next)
    {
        string target = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        if (target.Length > MaxRequestTargetLength)
        {
            context.Response.Headers.Connection = "close";
            return ApiProblem.Create(
                StatusCodes.Status414UriTooLong, ApiProblem.UriTooLong, "Address too long",
                $"The request's path and query are longer than {MaxRequestTargetLength:N0} characters. Send the message in the JSON body.").ExecuteAsync(context);
        }

        var headers = context.Request.Headers;
        long size = 0;
        foreach (var (name, values) in headers)
        {
            size += name.Length + 4;
            foreach (var value in values)
            {
                size += value?.Length ?? 0;
            }
        }

        if (size > MaxRequestHeadersBytes || headers.Count > MaxRequestHeaderCount)
        {
            context.Response.Headers.Connection = "close";
            return ApiProblem.Create(
                StatusCodes.Status431RequestHeaderFieldsTooLarge, ApiProblem.HeadersTooLarge, "Headers too large",
                $"The request headers are larger than {MaxRequestHeadersBytes / 1024} KB or more than {MaxRequestHeaderCount}.").ExecuteAsync(context);
        }

        return next(context);
    }

    /// <summary>Ready once the models are loaded; they load before the server starts, so a running app that fails this has lost them.</summary>
    private sealed class ModelsReadyCheck(MessageCoach coach) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(coach.Analyze("Could we talk tonight?", client: null, cancellationToken: cancellationToken).Sentences.Count == 1
                ? HealthCheckResult.Healthy("Models loaded.")
                : HealthCheckResult.Unhealthy("The blame models did not answer."));
    }
}
