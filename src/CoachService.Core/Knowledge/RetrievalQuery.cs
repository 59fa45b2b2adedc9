using System.Text.Json;
using CoachService.Core.Data;

namespace CoachService.Core.Knowledge;

/// <summary>A hand-written evaluation query and the section that should answer it (<c>seeds/eval/*.jsonl</c>).</summary>
public sealed record RetrievalQuery(string Text, string ArticleId, string SectionId)
{
    /// <summary>Reads a query file: one <c>{"query","articleId","sectionId"}</c> object a line.</summary>
    public static IReadOnlyList<RetrievalQuery> LoadFile(string path) =>
        JsonLines.Read<JsonElement>(path)
            .Select(e => new RetrievalQuery(e.GetProperty("query").GetString()!, e.GetProperty("articleId").GetString()!, e.GetProperty("sectionId").GetString()!))
            .ToList();

    public bool IsAnsweredBy(SectionMatch match)
    {
        ArgumentNullException.ThrowIfNull(match);
        return match.Article.Id == ArticleId && match.Section.Id == SectionId;
    }
}
