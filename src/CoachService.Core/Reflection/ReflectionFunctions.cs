using System.ComponentModel;
using Microsoft.SemanticKernel;

namespace CoachService.Core.Reflection;

/// <summary>What the embedded question engine is asked with: the message's reading, never its text.</summary>
/// <param name="Vector">The message's vector from its reading.</param>
/// <param name="Concern">The concern id behind the message (<see cref="Rewriting.Concern"/>).</param>
/// <param name="ConcernHint">The concern in the catalog's words, to steer retrieval.</param>
/// <param name="Count">How many questions.</param>
/// <param name="AlreadyAsked">Questions already given (by the LLM), not to repeat.</param>
/// <param name="Situation">The sender's own situation as the rewrite put it ("you didn't call while I waited"), for the question patterns; null when there is none.</param>
/// <param name="VectorsOf">Reads the situation's vector for the anchor check through the caller's per-client reading cache; null reads it afresh.</param>
public sealed record ReflectionRequest(
    float[] Vector, string Concern, string? ConcernHint, int Count, IReadOnlyCollection<string>? AlreadyAsked = null, string? Situation = null,
    Func<IReadOnlyList<string>, IReadOnlyList<float[]>>? VectorsOf = null);

/// <summary>
/// The embedded question engine as a native Semantic Kernel function, so reflection runs through the kernel in
/// both modes (this function with no LLM; the <c>prompts/Reflect</c> function with one) and passes the same
/// <see cref="ReflectionGate"/>.
/// </summary>
public sealed class ReflectionFunctions(ExtractiveReflector extractive)
{
    public const string PluginName = "reflection";
    public const string QuestionsFunction = "questions";

    /// <summary>The argument that carries the <see cref="ReflectionRequest"/>.</summary>
    public const string RequestArgument = "request";

    [KernelFunction(QuestionsFunction)]
    [Description("Reflective questions for the sender of a message, from the coaching articles, chosen by the message's reading (its vector and concern); each cites its article section.")]
    public IReadOnlyList<ReflectionQuestion> Questions(
        [Description("The message's reading: vector, concern and how many questions")] ReflectionRequest request,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return extractive.Questions(request.Vector, request.Concern, request.ConcernHint, request.Count, request.AlreadyAsked, request.Situation, request.VectorsOf, cancellationToken);
    }
}
