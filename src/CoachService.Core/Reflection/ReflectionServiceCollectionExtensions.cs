using Microsoft.Extensions.DependencyInjection;

namespace CoachService.Core.Reflection;

internal static class ReflectionServiceCollectionExtensions
{
    /// <summary>The reflective questions: the extractive engine, the kernel functions the LLM may call, and the gate before both.</summary>
    public static IServiceCollection AddCoachReflection(this IServiceCollection services)
    {
        services.AddSingleton<ExtractiveReflector>();
        services.AddSingleton<ReflectionFunctions>();
        services.AddSingleton<ReflectionGate>();
        services.AddSingleton<Reflector>();
        return services;
    }
}
