using CoachService.Core.Knowledge;
using CoachService.Core.Llm;
using Microsoft.SemanticKernel;

namespace CoachService.Core.Reflection;

/// <summary>
/// Asks reflective questions about a message, through the Semantic Kernel in both modes. With an LLM configured
/// it invokes the <c>prompts/Reflect</c> function first, within the budget, and tops up from the embedded
/// engine's native function; if the LLM fails, the embedded engine answers alone. Both pass the
/// <see cref="ReflectionGate"/> filter.
/// </summary>
public sealed class Reflector(Kernel kernel, ExtractiveReflector extractive, LlmGuard guard)
{
    /// <summary>When no question can be composed from the sender's situation, the service says so rather than asking one beside the point.</summary>
    public const string NoFittingQuestionNote =
        "None of our questions fits this message closely enough. It may help to name the one moment that hurt, how it felt, and what you'd like instead.";

    /// <param name="message">The message (only the LLM prompt reads it).</param>
    /// <param name="messageVector">The message's vector from its reading (<see cref="Reading.MessageReading.Vector"/>).</param>
    /// <param name="concern">The concern id behind the message (<see cref="Rewriting.Concern"/>).</param>
    /// <param name="concernHint">The need behind the message in words, to steer retrieval.</param>
    /// <param name="situation">
    /// Gives the sender's situation in their words (<see cref="Rewriting.RewriteResult.Situation"/>), for the question
    /// patterns, or null when there is none; asked only when embedded questions are composed, alone or to top up an
    /// LLM that gave fewer than three (finding it reads candidate clauses).
    /// </param>
    /// <param name="vectorsOf">Reads the situation's vector for the anchor check through the caller's per-client reading cache; null reads it afresh.</param>
    /// <param name="cancellationToken">Cancels the LLM call.</param>
    public async Task<ReflectionResult> ReflectAsync(
        string message, float[] messageVector, string concern, string? concernHint, Func<string?> situation, Func<IReadOnlyList<string>, IReadOnlyList<float[]>>? vectorsOf, CancellationToken cancellationToken)
    {
        if (guard.IsConfigured)
        {
            var sections = extractive.Retrieve(messageVector, concernHint);
            var fromLlm = await guard.TryAsync(ct => AskLlmAsync(message, sections, ct), "questions", cancellationToken);
            if (fromLlm is { Count: > 0 })
            {
                int missing = ExtractiveReflector.MaxQuestions - fromLlm.Count;
                var topUp = missing > 0
                    ? await AskEmbeddedAsync(new ReflectionRequest(messageVector, concern, concernHint, missing, [.. fromLlm.Select(q => q.Text)], situation(), vectorsOf), cancellationToken)
                    : [];
                return new ReflectionResult([.. fromLlm, .. topUp], topUp.Count == 0 ? ReflectionEngine.Llm : ReflectionEngine.LlmWithExtractive);
            }
        }

        var questions = await AskEmbeddedAsync(new ReflectionRequest(messageVector, concern, concernHint, ExtractiveReflector.MaxQuestions, Situation: situation(), VectorsOf: vectorsOf), cancellationToken);
        return new ReflectionResult(questions, ReflectionEngine.Extractive);
    }

    private async Task<IReadOnlyList<ReflectionQuestion>> AskLlmAsync(string message, IReadOnlyList<SectionMatch> sections, CancellationToken cancellationToken)
    {
        var result = await kernel.InvokeAsync(
            kernel.Plugins[CoachKernel.PromptsPlugin][CoachKernel.ReflectFunction],
            new KernelArguments { ["message"] = message, ["sections"] = SectionText.Format(sections), [ReflectionGate.SectionsArgument] = sections },
            cancellationToken);
        return result.GetValue<IReadOnlyList<ReflectionQuestion>>() ?? [];
    }

    private async Task<IReadOnlyList<ReflectionQuestion>> AskEmbeddedAsync(ReflectionRequest request, CancellationToken cancellationToken)
    {
        var result = await kernel.InvokeAsync(
            kernel.Plugins[ReflectionFunctions.PluginName][ReflectionFunctions.QuestionsFunction],
            new KernelArguments { [ReflectionFunctions.RequestArgument] = request },
            cancellationToken);
        return result.GetValue<IReadOnlyList<ReflectionQuestion>>() ?? [];
    }
}
