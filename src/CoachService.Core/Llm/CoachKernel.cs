using CoachService.Core.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;

namespace CoachService.Core.Llm;

/// <summary>
/// The Semantic Kernel the service uses: the embedded question engine as a native function, the prompt functions
/// from <c>prompts/</c> (loaded and validated even with no LLM, so a broken prompt fails start-up), the
/// <see cref="ReflectionGate"/> filter both question engines pass, and, when "Coach:Llm" is configured, a
/// chat-completion service whose HttpClient carries the Polly pipeline.
/// </summary>
public static class CoachKernel
{
    public const string PromptsPlugin = "prompts";
    public const string ReflectFunction = "Reflect";
    public const string RewriteFunction = "Rewrite";

    public static Kernel Build(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var coach = services.GetRequiredService<IOptions<CoachOptions>>().Value;
        var llm = services.GetRequiredService<IOptions<LlmOptions>>().Value;
        var builder = Kernel.CreateBuilder();
        if (llm.IsConfigured)
        {
            var http = services.GetRequiredService<IHttpClientFactory>().CreateClient(LlmOptions.HttpClientName);
            if (llm.Provider == LlmProvider.AzureOpenAI)
            {
                builder.AddAzureOpenAIChatCompletion(llm.Model!, llm.Endpoint!.ToString(), llm.ApiKey!, httpClient: http);
            }
            else
            {
                builder.AddOpenAIChatCompletion(llm.Model!, llm.Endpoint!, string.IsNullOrEmpty(llm.ApiKey) ? "none" : llm.ApiKey, httpClient: http);
            }
        }

        builder.Plugins.AddFromObject(services.GetRequiredService<ReflectionFunctions>(), ReflectionFunctions.PluginName);
        builder.Services.AddSingleton<IFunctionInvocationFilter>(services.GetRequiredService<ReflectionGate>());
        if (!Directory.Exists(coach.PromptsDirectory))
        {
            throw new DirectoryNotFoundException($"The prompts folder {coach.PromptsDirectory} is missing.");
        }

        builder.Plugins.AddFromPromptDirectory(coach.PromptsDirectory, PromptsPlugin);
        return builder.Build();
    }
}
