using CoachService.Contracts;
using CoachService.Core.Detection;

namespace CoachService.Core.Contracts;

/// <summary>Turns the domain's analysis into the API's JSON shape.</summary>
public static class AnalyzeMapping
{
    public static AnalyzeResponse ToResponse(this BlameAnalysis analysis, string? clientToken = null)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        return new AnalyzeResponse(
            analysis.IsBlame,
            analysis.IsUnsure,
            Round(analysis.Score),
            analysis.Categories,
            analysis.Matches.Select(m => new MatchDto(
                m.Span.Offset, m.Span.Length, m.Span.Slice(analysis.Text), m.Category, m.RuleId, m.Message, Round(m.Score))).ToList(),
            analysis.Sentences.Select(s => new SentenceDto(s.Span.Offset, s.Span.Length, Round(s.Score), s.IsBlame, s.Category)).ToList(),
            new SafetyDto(analysis.Safety.Level, analysis.Safety.Flagged, analysis.Safety.Kind, analysis.Safety.Message),
            analysis.Warnings,
            analysis.Language.Code,
            analysis.ModelVersion,
            clientToken);
    }

    private static double Round(float score) => Math.Round(score, 4);
}
