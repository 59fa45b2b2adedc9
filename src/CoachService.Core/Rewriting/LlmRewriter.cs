using CoachService.Core.Llm;
using Microsoft.SemanticKernel;

namespace CoachService.Core.Rewriting;

/// <summary>A rewrite the LLM proposed, before the classifier and the checks have vetted it.</summary>
public sealed record RewriteCandidate(string Style, string Text, RewriteComponents Components);

/// <summary>Asks the configured LLM for rewrites through the <c>prompts/Rewrite</c> prompt (few-shot, JSON out).</summary>
public sealed class LlmRewriter(Kernel kernel, RewriteCatalog catalog)
{
    public async Task<IReadOnlyList<RewriteCandidate>> AskAsync(string message, IReadOnlyList<string> styles, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(styles);
        var function = kernel.Plugins[CoachKernel.PromptsPlugin][CoachKernel.RewriteFunction];
        var result = await kernel.InvokeAsync(
            function,
            new KernelArguments
            {
                ["message"] = message,
                ["feelings"] = string.Join(", ", catalog.Feelings),
                ["needs"] = string.Join(", ", catalog.Needs),
                ["styles"] = string.Join(", ", styles),
            },
            cancellationToken);

        var reply = LlmJson.ParseObject(result.GetValue<string>());
        var candidates = new List<RewriteCandidate>();
        foreach (var item in LlmJson.Array(reply, "rewrites"))
        {
            string? style = LlmJson.String(item, "style");
            string? text = LlmJson.String(item, "text");
            if (style is null || text is null || !styles.Contains(style) || candidates.Any(c => c.Style == style))
            {
                continue;
            }

            candidates.Add(new RewriteCandidate(style, text, new RewriteComponents(
                LlmJson.String(item, "feeling") ?? "",
                LlmJson.String(item, "situation") ?? "",
                LlmJson.String(item, "need") ?? "",
                LlmJson.String(item, "request") ?? "")));
        }

        return candidates;
    }
}
