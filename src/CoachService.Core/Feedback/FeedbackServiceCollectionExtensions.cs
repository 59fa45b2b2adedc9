using Microsoft.Extensions.DependencyInjection;

namespace CoachService.Core.Feedback;

internal static class FeedbackServiceCollectionExtensions
{
    /// <summary>Feedback verdicts: the options (validated at start; off by default) and the store that counts and keeps them.</summary>
    public static IServiceCollection AddCoachFeedback(this IServiceCollection services)
    {
        services.AddOptions<FeedbackOptions>()
            .BindConfiguration(FeedbackOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<FeedbackStore>();
        return services;
    }
}
