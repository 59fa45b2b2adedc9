using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;

namespace CoachService.Api.Http;

/// <summary>Which web origins may call the API from a browser ("Coach:Cors:Origins"). Empty, the default, allows none.</summary>
public sealed class CorsOriginOptions
{
    public const string SectionName = "Coach:Cors";

    /// <summary>Origins such as "https://app.example.com": scheme, host and optional port, nothing else.</summary>
    public List<string> Origins { get; set; } = [];
}

/// <summary>
/// Cross-origin calls for a browser extension or a web app on an allowed origin: off by default. A preflight from an
/// allowed origin is answered with the CORS headers; any other origin gets none, so the browser refuses it. The
/// CORS middleware runs before the per-client limits, so a preflight needs no API key and costs no budget.
/// </summary>
public static class CorsSetup
{
    public static IServiceCollection AddCoachCors(this IServiceCollection services)
    {
        services.AddOptions<CorsOriginOptions>()
            .BindConfiguration(CorsOriginOptions.SectionName)
            .Validate(o => o.Origins.All(IsOrigin), "Coach:Cors:Origins holds only origins such as https://app.example.com (scheme, host and optional port; no path, no wildcard).")
            .ValidateOnStart();
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<CorsOriginOptions>>((cors, allowed) => cors.AddDefaultPolicy(policy => policy
            .WithOrigins([.. allowed.Value.Origins])
            .WithMethods(HttpMethods.Get, HttpMethods.Post)
            .WithHeaders("Content-Type", ClientLimits.ApiKeyHeader)
            .WithExposedHeaders("Retry-After")
            .SetPreflightMaxAge(TimeSpan.FromHours(1))));
        return services;
    }

    private static bool IsOrigin(string origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && uri.Scheme is "https" or "http"
        && uri.GetLeftPart(UriPartial.Authority) == origin.TrimEnd('/')
        && !origin.Contains('*', StringComparison.Ordinal);
}
