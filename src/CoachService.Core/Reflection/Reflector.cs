using CoachService.Core.Llm;

namespace CoachService.Core.Reflection;

/// <summary>
/// Asks reflective questions about a message. With an LLM configured it asks the LLM first, within the
/// budget, and tops up from the extractive engine; if the LLM fails, the extractive engine answers alone.
/// </summary>
public sealed class Reflector(ExtractiveReflector extractive, LlmReflector llm, LlmGuard guard)
{
    /// <param name="message">The message.</param>
    /// <param name="messageVector">The message's vector from its reading (<see cref="Reading.MessageReading.Vector"/>).</param>
    /// <param name="concernHint">The need behind the message in words, to steer retrieval.</param>
    /// <param name="cancellationToken">Cancels the LLM call.</param>
    public async Task<Reflection> ReflectAsync(string message, float[] messageVector, string? concernHint, CancellationToken cancellationToken)
    {
        if (guard.IsConfigured)
        {
            var sections = extractive.Retrieve(messageVector, concernHint);
            var fromLlm = await guard.TryAsync(ct => llm.AskAsync(message, sections, ct), "questions", cancellationToken);
            if (fromLlm is { Count: > 0 })
            {
                int missing = ExtractiveReflector.MaxQuestions - fromLlm.Count;
                var topUp = missing > 0
                    ? extractive.Questions(messageVector, concernHint, missing, fromLlm.Select(q => q.Text).ToList(), cancellationToken)
                    : [];
                return new Reflection([.. fromLlm, .. topUp], topUp.Count == 0 ? ReflectionEngine.Llm : ReflectionEngine.LlmWithExtractive);
            }
        }

        return new Reflection(extractive.Questions(messageVector, concernHint, cancellationToken: cancellationToken), ReflectionEngine.Extractive);
    }
}
