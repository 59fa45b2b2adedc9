namespace CoachService.Core.Knowledge;

/// <summary>A coaching article from <c>seeds/</c>: front matter, then sections with stable ids.</summary>
public sealed record Article(string Id, string Title, string Summary, string Introduction, IReadOnlyList<ArticleSection> Sections);

/// <summary>One section: its heading, body paragraphs, and the reflective questions written for it.</summary>
public sealed record ArticleSection(string Id, string Heading, IReadOnlyList<string> Paragraphs, IReadOnlyList<string> Questions)
{
    public string Body => string.Join("\n\n", Paragraphs);
}
