namespace CoachService.Core.Reflection;

/// <summary>Where a question comes from: a section of a shipped article, and a passage of it.</summary>
public sealed record Citation(string ArticleId, string ArticleTitle, string SectionId, string SectionHeading, string Excerpt);

/// <summary>A reflective follow-up question and the article section it is grounded in.</summary>
public sealed record ReflectionQuestion(string Text, Citation Citation);

/// <summary>The questions for a message, and which engine produced them.</summary>
public sealed record ReflectionResult(IReadOnlyList<ReflectionQuestion> Questions, string Engine);

public static class ReflectionEngine
{
    public const string Extractive = "extractive";
    public const string Llm = "llm";

    /// <summary>The LLM's questions, topped up from the extractive engine.</summary>
    public const string LlmWithExtractive = "llm+extractive";
}
