namespace CoachService.Core.Knowledge;

/// <summary>A coaching article from <c>seeds/</c>: front matter, then sections with stable ids.</summary>
public sealed record Article(string Id, string Title, string Summary, string Introduction, IReadOnlyList<ArticleSection> Sections);

/// <summary>
/// One section: its heading, body paragraphs, the reflective questions written for it, and "sounds like"
/// lines: what someone whose situation the section speaks to might say, in their own words (they help the
/// index match a message or a texted concern to the section).
/// </summary>
public sealed record ArticleSection(
    string Id, string Heading, IReadOnlyList<string> Paragraphs, IReadOnlyList<ArticleQuestion> Questions, IReadOnlyList<string> SoundsLike)
{
    public string Body => string.Join("\n\n", Paragraphs);
}

/// <summary>Whose side a reflective question is on.</summary>
public enum QuestionSide
{
    /// <summary>For someone upset with their partner and about to say so: their own feelings, needs, wishes, or how they could raise it.</summary>
    Sender,

    /// <summary>About the partner's feelings, needs or behaviour, or for the one on the receiving end of a complaint.</summary>
    Partner,

    /// <summary>About the two of them together.</summary>
    Both,
}

/// <summary>
/// A reflective question, whose side it is on, and the complaint topics (concern ids) it fits; no concerns means
/// it fits any complaint. Written in the articles as <c>- Question? {for: sender; chores, parenting}</c>.
/// </summary>
public sealed record ArticleQuestion(string Text, QuestionSide Side, IReadOnlyList<string> Concerns)
{
    /// <summary>Whether it fits any complaint (tagged <c>any</c>).</summary>
    public bool FitsAny => Concerns.Count == 0;

    public bool Fits(string concern) => Concerns.Contains(concern, StringComparer.Ordinal);

    /// <summary>The placeholder a question pattern holds: the sender's own situation goes there ("When {situation}, …?").</summary>
    public const string SituationSlot = "{situation}";

    /// <summary>A pattern, asked only with the sender's situation in its slot, never as written.</summary>
    public bool IsPattern { get; } = Text.Contains(SituationSlot, StringComparison.Ordinal);
}
