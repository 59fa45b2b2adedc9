using Microsoft.Extensions.DependencyInjection;

namespace CoachService.Client;

public static class CoachClientServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="CoachClient"/> for the service at <paramref name="baseAddress"/>, sending
    /// <paramref name="apiKey"/> in X-Api-Key when given, with the standard resilience pipeline (retries with
    /// back-off on 5xx, 408 and 429, honouring Retry-After; a circuit breaker; time-outs).
    /// </summary>
    public static IHttpClientBuilder AddCoachClient(this IServiceCollection services, Uri baseAddress, string? apiKey = null)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        var builder = services.AddHttpClient<CoachClient>(http =>
        {
            http.BaseAddress = baseAddress.AbsoluteUri.EndsWith('/') ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/");
            if (!string.IsNullOrEmpty(apiKey))
            {
                http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
            }
        });
        builder.AddStandardResilienceHandler();
        return builder;
    }
}
