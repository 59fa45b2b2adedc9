using CoachService.Contracts;
using CoachService.Core;
using CoachService.Core.Knowledge;
using CoachService.Core.Reflection;
using CoachService.Core.Rewriting;

namespace CoachService.Core.Contracts;

/// <summary>Turns the domain's coaching results and articles into the API's JSON shapes.</summary>
public static class CoachingMapping
{
    public static RewriteResponse ToResponse(this CoachingResult result, string requestId, string? clientToken = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new RewriteResponse(
            result.Analysis.ToResponse(clientToken),
            result.Rewrites.Select(ToDto).ToList(),
            result.Note,
            result.Questions.Select(ToDto).ToList(),
            new EngineDto(result.Engine.Rewrite, result.Engine.Questions),
            requestId,
            clientToken);
    }

    public static QuestionDto ToDto(this ReflectionQuestion question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var c = question.Citation;
        return new QuestionDto(question.Text, new CitationDto(c.ArticleId, c.ArticleTitle, c.SectionId, c.SectionHeading, c.Excerpt));
    }

    public static ArticleSummaryDto ToSummary(this Article article)
    {
        ArgumentNullException.ThrowIfNull(article);
        return new ArticleSummaryDto(article.Id, article.Title, article.Summary, article.Sections.Select(s => new SectionSummaryDto(s.Id, s.Heading)).ToList());
    }

    public static ArticleDto ToDto(this Article article)
    {
        ArgumentNullException.ThrowIfNull(article);
        return new ArticleDto(
            article.Id, article.Title, article.Summary, article.Introduction,
            article.Sections.Select(s => new SectionDto(
                s.Id, s.Heading, s.Paragraphs, [.. s.Questions.Where(q => !q.IsPattern).Select(q => q.Text)], s.SoundsLike, [.. s.Questions.Where(q => q.IsPattern).Select(q => q.Text)])).ToList());
    }

    private static RewriteDto ToDto(Rewrite rewrite) => new(
        rewrite.Style,
        rewrite.Text,
        new ComponentsDto(rewrite.Components.Feeling, rewrite.Components.Situation, rewrite.Components.Need, rewrite.Components.Request),
        Math.Round(rewrite.BlameScore, 4));
}
