using CoachService.Api.Http;

namespace CoachService.Api.Contracts;

/// <summary>The body of POST /v1/analyze.</summary>
/// <param name="Text">The message to check, up to the documented length limit.</param>
public sealed record AnalyzeRequest(string? Text) : IMessageRequest;

/// <summary>What the service found in a message. Offsets and lengths count UTF-16 code units.</summary>
public sealed record AnalyzeResponse(
    bool IsBlame,
    double Score,
    IReadOnlyList<string> Categories,
    IReadOnlyList<MatchDto> Matches,
    IReadOnlyList<SentenceDto> Sentences,
    SafetyDto Safety,
    IReadOnlyList<string> Warnings);

/// <summary>Words that carry blame, why, and what to say instead.</summary>
public sealed record MatchDto(int Offset, int Length, string Text, string Category, string RuleId, string Message, double Score);

/// <summary>The classifier's verdict on one sentence.</summary>
public sealed record SentenceDto(int Offset, int Length, double Score, bool IsBlame, string Category);

/// <summary>Whether the message threatens, mentions self-harm or describes abuse, and where to find help.</summary>
public sealed record SafetyDto(bool Flagged, string Kind, string? Message);
