namespace CoachService.Contracts;

/// <summary>The body of POST /v1/analyze.</summary>
/// <param name="Text">The message to check, up to the documented length limit.</param>
/// <param name="Threshold">The blame probability (0 to 1) at or above which a sentence blames, instead of the model's.</param>
/// <param name="Categories">Report only blame of these categories.</param>
/// <param name="DisabledRules">Rule ids (each match's <c>ruleId</c>) not to report; a sentence whose every highlight is turned off is not reported as blame.</param>
/// <param name="ClientToken">Any string up to 200 characters, echoed back.</param>
public sealed record AnalyzeRequest(
    string? Text, double? Threshold = null, IReadOnlyList<string>? Categories = null, IReadOnlyList<string>? DisabledRules = null, string? ClientToken = null)
    : IMessageRequest, IOptionsRequest;

/// <summary>
/// What the service found in a message. Offsets and lengths count UTF-16 code units. <c>language</c> is the
/// ISO 639-1 code the message was read as; the models read English only, so another language comes with a warning.
/// <c>unsure</c> is true when no sentence blames but one comes close: the service does not call it kind.
/// <c>modelVersion</c> names the models that read it (see GET /v1/version); <c>clientToken</c> is the request's, echoed.
/// </summary>
public sealed record AnalyzeResponse(
    bool IsBlame,
    bool Unsure,
    double Score,
    IReadOnlyList<string> Categories,
    IReadOnlyList<MatchDto> Matches,
    IReadOnlyList<SentenceDto> Sentences,
    SafetyDto Safety,
    IReadOnlyList<string> Warnings,
    string Language,
    string ModelVersion,
    string? ClientToken = null);

/// <summary>
/// The versions of everything that shapes an answer. <c>Model</c> is the blame models' version, the one every
/// analysis reports as <c>modelVersion</c>; <c>DataHash</c> is the hash of the data they were trained on.
/// </summary>
public sealed record VersionResponse(string Service, string Model, string DataHash, string Encoder, string Safety, string Clauses, string Articles, string Sections);

/// <summary>Words that carry blame, why, and what to say instead.</summary>
public sealed record MatchDto(int Offset, int Length, string Text, string Category, string RuleId, string Message, double Score);

/// <summary>The classifier's verdict on one sentence.</summary>
public sealed record SentenceDto(int Offset, int Length, double Score, bool IsBlame, string Category);

/// <summary>
/// Whether the message threatens, talks of self-harm or a goodbye, describes abuse or controls the reader, graded:
/// <c>level</c> is none, concern (rewrites come with a check-in line) or danger (no rewrite, a pointer to help);
/// <c>flagged</c> means danger. <c>message</c> is the pointer to help or the check-in line.
/// </summary>
public sealed record SafetyDto(string Level, bool Flagged, string Kind, string? Message);
