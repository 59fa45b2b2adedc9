using System.ComponentModel;
using System.Text.Json;
using Microsoft.SemanticKernel;

namespace CoachService.Core.Detection;

/// <summary>Semantic Kernel plugin: the blame analysis, for prompts and agents that need to know which words hurt.</summary>
public sealed class BlameAnalysisPlugin(BlameAnalyzer analyzer)
{
    public const string PluginName = "blame";

    [KernelFunction("analyze")]
    [Description("Finds blame-language in a message to a partner: whether it blames, its categories, and the words that carry the blame with the reason.")]
    public string Analyze([Description("The message to check")] string message) => Summarize(analyzer.Analyze(message));

    /// <summary>A compact JSON summary of an analysis, as given to the LLM.</summary>
    public static string Summarize(BlameAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        return JsonSerializer.Serialize(new
        {
            isBlame = analysis.IsBlame,
            categories = analysis.Categories,
            words = analysis.Matches.Select(m => new { text = m.Span.Slice(analysis.Text), category = m.Category, why = m.Message }),
        });
    }
}
