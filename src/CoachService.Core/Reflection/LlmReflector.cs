using CoachService.Core.Knowledge;
using CoachService.Core.Llm;
using Microsoft.SemanticKernel;

namespace CoachService.Core.Reflection;

/// <summary>
/// Asks the configured LLM for reflective questions through the <c>prompts/Reflect</c> prompt, given the
/// sections retrieval found. A question is kept only if it is a question and cites one of those sections;
/// its excerpt is taken from the article, never from the model.
/// </summary>
public sealed class LlmReflector(Kernel kernel)
{
    private const int MaxQuestionLength = 240;

    public async Task<IReadOnlyList<ReflectionQuestion>> AskAsync(string message, IReadOnlyList<SectionMatch> sections, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sections);
        var function = kernel.Plugins[CoachKernel.PromptsPlugin]["Reflect"];
        var result = await kernel.InvokeAsync(
            function,
            new KernelArguments { ["message"] = message, ["sections"] = ArticleSearchPlugin.Format(sections) },
            cancellationToken);

        var reply = LlmJson.ParseObject(result.GetValue<string>());
        var byCitation = sections.ToDictionary(s => ArticleSearchPlugin.CitationId(s.Article.Id, s.Section.Id), StringComparer.OrdinalIgnoreCase);
        var questions = new List<ReflectionQuestion>();
        foreach (var item in LlmJson.Array(reply, "questions"))
        {
            string? text = LlmJson.String(item, "text");
            string? citation = LlmJson.String(item, "citation");
            if (text is null || !text.EndsWith('?') || text.Length > MaxQuestionLength || citation is null
                || !byCitation.TryGetValue(citation, out var section) || questions.Any(q => q.Text == text))
            {
                continue;
            }

            questions.Add(new ReflectionQuestion(text, ExtractiveReflector.Cite(section)));
        }

        return questions.Take(ExtractiveReflector.MaxQuestions).ToList();
    }
}
