using CoachService.Core.Knowledge;

namespace CoachService.Core.Tests.Knowledge;

public class ArticleLibraryTests
{
    private static readonly ArticleLibrary Library = ArticleLibrary.LoadDirectory(Path.Combine(RepositoryPaths.Root, "seeds"));

    [Fact]
    public void LoadDirectory_ShippedArticles_AreAtLeastEightWithQuestionsInEverySection()
    {
        Assert.True(Library.Articles.Count >= 8);
        Assert.All(Library.Articles, a =>
        {
            Assert.False(string.IsNullOrWhiteSpace(a.Title));
            Assert.False(string.IsNullOrWhiteSpace(a.Summary));
            Assert.All(a.Sections, s =>
            {
                Assert.InRange(s.Questions.Count, 2, ArticleLibrary.MaxQuestions);
                Assert.All(s.Questions, q => Assert.EndsWith("?", q.Text, StringComparison.Ordinal));
                Assert.NotEmpty(s.Paragraphs);
            });
        });
    }

    [Fact]
    public void LoadDirectory_ShippedArticles_SayWhatEverySectionSoundsLike()
    {
        Assert.All(Library.Articles.SelectMany(a => a.Sections), s => Assert.InRange(s.SoundsLike.Count, 12, 30));
    }

    [Fact]
    public void Parse_SoundsLikeBlock_IsKeptApartFromTheBodyAndQuestions()
    {
        string[] lines =
        [
            "---", "id: ok-file", "title: T", "summary: S", "---", "## H {#h}", "Body one.", "", "Sounds like:", "- we never talk",
            "- u never ask about my day", "", "Reflect:", "- One? {for: sender; chores, money}", "- Two? {for: both; any}",
        ];

        var section = ArticleLibrary.Parse(lines, "seeds/ok-file.md").Sections.Single();

        Assert.Equal(["Body one."], section.Paragraphs);
        Assert.Equal(["we never talk", "u never ask about my day"], section.SoundsLike);
        Assert.Equal(
            [new ArticleQuestion("One?", QuestionSide.Sender, ["chores", "money"]), new ArticleQuestion("Two?", QuestionSide.Both, [])],
            section.Questions,
            (a, b) => a.Text == b.Text && a.Side == b.Side && a.Concerns.SequenceEqual(b.Concerns));
        Assert.True(section.Questions[1].FitsAny);
    }

    [Theory]
    [InlineData(new[] { "---", "id: bad-file", "title: T", "summary: S", "---", "## H {#h}", "Body.", "", "Sounds like:", "not a list line" }, 10, "after 'Sounds like:'")]
    [InlineData(new[] { "---", "id: bad-file", "title: T", "summary: S", "---", "## H {#h}", "Body.", "Reflect:", "- A? {for: sender; any}", "- B? {for: sender; any}", "Sounds like:", "- late" }, 11, "comes once")]
    [InlineData(new[] { "id: x", "---" }, 1, "must start with a '---'")]
    [InlineData(new[] { "---", "id: bad-file", "title: T", "summary: S", "---", "## Heading without id", "text" }, 6, "section heading")]
    [InlineData(new[] { "---", "id: bad-file", "title: T", "summary: S", "---", "## H {#h}", "Body.", "", "Reflect:", "- Not a question. {for: sender; any}" }, 10, "'- Question? {for:")]
    [InlineData(new[] { "---", "id: bad-file", "title: T", "summary: S", "---", "## H {#h}", "Body.", "", "Reflect:", "- Untagged?" }, 10, "'- Question? {for:")]
    [InlineData(new[] { "---", "id: bad-file", "title: T", "summary: S", "---", "## H {#h}", "Body.", "", "Reflect:", "- Whose? {for: reader; any}" }, 10, "'- Question? {for:")]
    [InlineData(new[] { "---", "id: bad-file", "title: T", "summary: S", "---", "## H {#h}", "Body.", "", "Reflect:", "- Which? {for: sender; dishes}" }, 10, "'dishes' is not a concern")]
    [InlineData(new[] { "---", "id: bad-file", "title: T", "summary: S", "---", "## H {#h}", "Body.", "", "Reflect:", "- Which? {for: sender; general}" }, 10, "'general' is not a concern")]
    [InlineData(new[] { "---", "id: bad-file", "title: T", "summary: S", "---", "## H {#h}", "Body.", "", "Reflect:", "- Only one? {for: sender; any}" }, 6, "2 to 14 questions")]
    [InlineData(new[] { "---", "id: other-name", "title: T", "summary: S", "---" }, 2, "match the file name")]
    [InlineData(new[] { "---", "id: bad-file", "summary: S", "---" }, 4, "needs 'title'")]
    public void Parse_MalformedArticle_FailsNamingFileAndLine(string[] lines, int line, string message)
    {
        var ex = Assert.Throws<InvalidDataException>(() => ArticleLibrary.Parse(lines, "seeds/bad-file.md"));

        Assert.StartsWith($"seeds/bad-file.md:{line}:", ex.Message, StringComparison.Ordinal);
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }
}
