using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace CoachService.Api.Endpoints;

public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/health").WithTags("Health");
        group.MapHealthChecks("/live", new HealthCheckOptions { Predicate = _ => false })
            .WithSummary("The process is up.");
        group.MapHealthChecks("/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") })
            .WithSummary("The models are loaded and answering.");
        return app;
    }
}
