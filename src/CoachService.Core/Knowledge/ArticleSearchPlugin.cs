using System.ComponentModel;
using System.Text;
using Microsoft.SemanticKernel;

namespace CoachService.Core.Knowledge;

/// <summary>Semantic Kernel plugin: search the coaching articles. Its text format is what the LLM prompts see.</summary>
public sealed class ArticleSearchPlugin(KnowledgeIndex index)
{
    public const string PluginName = "articles";

    [KernelFunction("search")]
    [Description("Finds the coaching article sections closest in meaning to a message or concern. Each result starts with its citation id (article-id#section-id).")]
    public string Search(
        [Description("A message, or a concern in plain words")] string query,
        [Description("How many sections to return, 1 to 5")] int top = 3) =>
        Format(index.Search(query, Math.Clamp(top, 1, 5)));

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
