namespace CoachService.Core.Knowledge;

/// <summary>A coaching article from <c>seeds/</c>: front matter, then sections with stable ids.</summary>
public sealed record Article(string Id, string Title, string Summary, string Introduction, IReadOnlyList<ArticleSection> Sections);

/// <summary>
/// One section: its heading, body paragraphs, the reflective questions written for it, and "sounds like"
/// lines: what someone whose situation the section speaks to might say, in their own words (they help the
/// index match a message or a texted concern to the section).
/// </summary>
public sealed record ArticleSection(
    string Id, string Heading, IReadOnlyList<string> Paragraphs, IReadOnlyList<string> Questions, IReadOnlyList<string> SoundsLike)
{
    public string Body => string.Join("\n\n", Paragraphs);
}
