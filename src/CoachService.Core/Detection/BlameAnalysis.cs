using CoachService.Core.Safety;
using CoachService.Core.Text;

namespace CoachService.Core.Detection;

/// <summary>The classifier's verdict on one sentence of a message.</summary>
public sealed record SentenceAnalysis(TextSpan Span, float Score, bool IsBlame, string Category);

/// <summary>
/// Everything the service learned about a message: whether any sentence blames, the highest score, the words
/// that carry blame, the per-sentence verdicts, the safety check and any warnings.
/// </summary>
public sealed record BlameAnalysis(
    string Text,
    bool IsBlame,
    float Score,
    IReadOnlyList<string> Categories,
    IReadOnlyList<BlameSpan> Matches,
    IReadOnlyList<SentenceAnalysis> Sentences,
    SafetyResult Safety,
    IReadOnlyList<string> Warnings);
