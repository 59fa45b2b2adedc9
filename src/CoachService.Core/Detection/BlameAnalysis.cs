using CoachService.Core.Safety;
using CoachService.Core.Text;

namespace CoachService.Core.Detection;

/// <summary>The classifier's verdict on one sentence of a message.</summary>
public sealed record SentenceAnalysis(TextSpan Span, float Score, bool IsBlame, string Category, string Concern);

/// <summary>
/// Everything the service learned about a message: whether any sentence blames, the highest score, the words
/// that carry blame, the per-sentence verdicts, the safety check, any warnings, the concern behind the message,
/// its language (the models read English only), and the reading they all came from (passed forward so nothing
/// reads the message again).
/// </summary>
public sealed record BlameAnalysis(
    string Text,
    bool IsBlame,
    float Score,
    IReadOnlyList<string> Categories,
    IReadOnlyList<BlameSpan> Matches,
    IReadOnlyList<SentenceAnalysis> Sentences,
    SafetyResult Safety,
    IReadOnlyList<string> Warnings,
    string Concern,
    LanguageReading Language,
    Reading.MessageReading Reading)
{
    /// <summary>No sentence blames, but one comes close: the service is not sure the message reads kindly.</summary>
    public bool IsUnsure { get; init; }

    /// <summary>Whether the caller's own threshold, categories or rules turned off shaped what is reported (<see cref="AnalysisOptions"/>).</summary>
    public bool WithCallerOptions { get; init; }

    /// <summary>The version of the models that read the message (<see cref="BlameClassifier.Version"/>).</summary>
    public required string ModelVersion { get; init; }
}
