namespace CoachService.Contracts;

/// <summary>The body of POST /v1/rewrite.</summary>
/// <param name="Text">The message to rewrite.</param>
/// <param name="Styles">Any of "gentle", "brief", "warm"; all three when omitted.</param>
/// <param name="IncludeQuestions">Whether to add reflective questions (default true).</param>
/// <param name="Threshold">As for analyze: the blame threshold (0 to 1) instead of the model's. A rewrite still has to pass the model's own.</param>
/// <param name="Categories">As for analyze: rewrite only blame of these categories.</param>
/// <param name="DisabledRules">As for analyze: rule ids not to report.</param>
/// <param name="ClientToken">Any string up to 200 characters, echoed back (here and in the analysis).</param>
public sealed record RewriteRequest(
    string? Text,
    IReadOnlyList<string>? Styles,
    bool? IncludeQuestions,
    double? Threshold = null,
    IReadOnlyList<string>? Categories = null,
    IReadOnlyList<string>? DisabledRules = null,
    string? ClientToken = null) : IMessageRequest, IOptionsRequest;

/// <summary>The body of POST /v1/reflect.</summary>
public sealed record ReflectRequest(string? Text) : IMessageRequest;

public sealed record RewriteResponse(
    AnalyzeResponse Analysis,
    IReadOnlyList<RewriteDto> Rewrites,
    string? Note,
    IReadOnlyList<QuestionDto> Questions,
    EngineDto Engine,
    string RequestId,
    string? ClientToken = null);

/// <summary>One suggested message. <c>BlameScore</c> is the classifier's score for the sentences the rewriter wrote.</summary>
public sealed record RewriteDto(string Style, string Text, ComponentsDto Components, double BlameScore);

/// <summary>The parts of a rewrite. <c>Need</c> is empty when the rewrite states none (the reading found no clear concern, so a need would be a guess).</summary>
public sealed record ComponentsDto(string Feeling, string Situation, string Need, string Request);

/// <summary>Which engine produced each part: rewrite "template" | "llm" | "llm+template" | "none"; questions "extractive" | "llm" | "llm+extractive" | "none".</summary>
public sealed record EngineDto(string Rewrite, string Questions);

public sealed record ReflectResponse(IReadOnlyList<QuestionDto> Questions, string Engine, string? Note);

/// <summary>A reflective question and the article section it cites (resolvable through GET /v1/articles/{articleId}).</summary>
public sealed record QuestionDto(string Text, CitationDto Citation);

public sealed record CitationDto(string ArticleId, string ArticleTitle, string SectionId, string SectionHeading, string Excerpt);

public sealed record ArticleSummaryDto(string Id, string Title, string Summary, IReadOnlyList<SectionSummaryDto> Sections);

public sealed record SectionSummaryDto(string Id, string Heading);

public sealed record ArticleDto(string Id, string Title, string Summary, string Introduction, IReadOnlyList<SectionDto> Sections);

/// <summary>
/// A section in full. <c>QuestionPatterns</c> are questions asked with the sender's own situation in the
/// <c>{situation}</c> slot ("When {situation}, what do you most need from your partner?"); a question composed from
/// one cites this section.
/// </summary>
public sealed record SectionDto(
    string Id, string Heading, IReadOnlyList<string> Paragraphs, IReadOnlyList<string> Questions, IReadOnlyList<string> SoundsLike, IReadOnlyList<string> QuestionPatterns);
