using Microsoft.Extensions.DependencyInjection;

namespace CoachService.Core.Safety;

internal static class SafetyServiceCollectionExtensions
{
    /// <summary>The safety model and the graded check the analyzer runs on every message.</summary>
    public static IServiceCollection AddCoachSafety(this IServiceCollection services)
    {
        services.AddSingleton(sp => SafetyClassifier.Load(sp.GetCoachOptions().ModelsDirectory));
        services.AddSingleton(sp => new SafetyCheck(sp.GetRequiredService<SafetyClassifier>()));
        return services;
    }
}
