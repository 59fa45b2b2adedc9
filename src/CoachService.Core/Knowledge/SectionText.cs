using System.Text;

namespace CoachService.Core.Knowledge;

/// <summary>Retrieved sections as the LLM prompts list them, and the citation ids they are cited by.</summary>
public static class SectionText
{
    /// <summary>Sections as the prompts list them: citation id, heading, article title, closest paragraph.</summary>
    public static string Format(IEnumerable<SectionMatch> sections)
    {
        ArgumentNullException.ThrowIfNull(sections);
        var text = new StringBuilder();
        foreach (var match in sections)
        {
            text.Append('[').Append(CitationId(match.Article.Id, match.Section.Id)).Append("] ")
                .Append(match.Section.Heading).Append(" (").Append(match.Article.Title).AppendLine(")")
                .AppendLine(match.BestParagraph)
                .AppendLine();
        }

        return text.ToString().TrimEnd();
    }

    public static string CitationId(string articleId, string sectionId) => $"{articleId}#{sectionId}";
}
