using CoachService.Core.Knowledge;
using CoachService.Core.Llm;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;

namespace CoachService.Core.Reflection;

/// <summary>
/// The one function-invocation filter both question engines pass through (the native
/// <see cref="ReflectionFunctions"/> and the <c>prompts/Reflect</c> LLM function). It turns what the function
/// returned into questions that may be shown:
/// <list type="bullet">
/// <item>the citation gate: a question is kept only if it is a question, not too long, not a repeat, and cites a
/// section it was allowed to cite (for the LLM, one of the sections retrieval gave it) whose text the excerpt
/// really comes from; the excerpt is always taken from the article, never from a model;</item>
/// <item>the privacy rule: it logs the function's name and how many questions it kept and dropped, never the
/// message, the arguments or the reply. The kernel has no logger of its own, so this is the only telemetry
/// reflection writes.</item>
/// </list>
/// </summary>
public sealed partial class ReflectionGate(ArticleLibrary library, ILogger<ReflectionGate> logger) : IFunctionInvocationFilter
{
    /// <summary>The argument that carries the sections the LLM may cite (the prompt template does not read it).</summary>
    public const string SectionsArgument = "retrieved";

    public const int MaxQuestionLength = 240;

    public async Task OnFunctionInvocationAsync(FunctionInvocationContext context, Func<FunctionInvocationContext, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        bool embedded = context.Function.PluginName == ReflectionFunctions.PluginName;
        bool llm = context.Function.PluginName == CoachKernel.PromptsPlugin && context.Function.Name == CoachKernel.ReflectFunction;
        await next(context);
        if (!embedded && !llm)
        {
            return;
        }

        List<ReflectionQuestion?> offered = embedded
            ? [.. context.Result.GetValue<IReadOnlyList<ReflectionQuestion>>() ?? []]
            : FromReply(context.Result.GetValue<string>(), context.Arguments.TryGetValue(SectionsArgument, out var given) && given is IReadOnlyList<SectionMatch> sections ? sections : []);
        var kept = new List<ReflectionQuestion>();
        foreach (var question in offered)
        {
            if (question is not null && kept.Count < ExtractiveReflector.MaxQuestions && IsShowable(question) && kept.All(k => k.Text != question.Text))
            {
                kept.Add(question);
            }
        }

        LogGated(logger, context.Function.Name, kept.Count, offered.Count - kept.Count);
        context.Result = new FunctionResult(context.Function, (IReadOnlyList<ReflectionQuestion>)kept, context.Result.Culture, context.Result.Metadata);
    }

    /// <summary>A question ending in '?', at most <see cref="MaxQuestionLength"/> characters, whose citation resolves to text in the articles.</summary>
    private bool IsShowable(ReflectionQuestion question) =>
        question.Text.EndsWith('?') && question.Text.Length <= MaxQuestionLength
        && library.Find(question.Citation.ArticleId)?.Sections.FirstOrDefault(s => s.Id == question.Citation.SectionId) is { } section
        && section.Paragraphs.Any(p => p.StartsWith(question.Citation.Excerpt, StringComparison.Ordinal));

    /// <summary>The LLM's JSON reply as questions; null for an item without text or citing a section it was not given.</summary>
    private static List<ReflectionQuestion?> FromReply(string? reply, IReadOnlyList<SectionMatch> sections)
    {
        var byCitation = sections.ToDictionary(s => SectionText.CitationId(s.Article.Id, s.Section.Id), StringComparer.OrdinalIgnoreCase);
        return LlmJson.Array(LlmJson.ParseObject(reply), "questions")
            .Select(item => LlmJson.String(item, "text") is { } text && LlmJson.String(item, "citation") is { } citation && byCitation.TryGetValue(citation, out var section)
                ? new ReflectionQuestion(text, ExtractiveReflector.Cite(section))
                : null)
            .ToList();
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Reflection function {Function}: {Kept} questions kept, {Dropped} dropped by the citation gate.")]
    private static partial void LogGated(ILogger logger, string function, int kept, int dropped);
}
