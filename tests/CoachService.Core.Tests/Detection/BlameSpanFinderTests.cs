using CoachService.Core.Detection;
using CoachService.Core.Text;

namespace CoachService.Core.Tests.Detection;

[Collection(DetectionModelsGroup.Name)]
public class BlameSpanFinderTests(DetectionFixture models)
{
    private IReadOnlyList<BlameSpan> FindInSentence(string text, int sentence = 0)
    {
        var reading = models.Reader.Read(text);
        var verdict = models.Classifier.Classify(reading)[sentence];
        Assert.True(verdict.IsBlame, $"expected sentence {sentence} to blame, score {verdict.Score}");
        return models.SpanFinder.Find(reading, sentence, verdict);
    }

    [Theory]
    [InlineData("You always leave your wet towels on the bed.", "always", "absolute.always")]
    [InlineData("This is your fault and you know it.", "your fault", "accusation.your-fault")]
    [InlineData("I feel like you don't care about my job.", "I feel like you", "pseudo_feeling.feel-like-you")]
    [InlineData("How hard is it to text back?", "How hard is it", "rhetorical.how-hard")]
    public void Find_HighlightARuleCovers_KeepsTheRulesId(string text, string ruleWords, string ruleId)
    {
        var spans = FindInSentence(text);

        var span = Assert.Single(spans, s => s.RuleId == ruleId);
        Assert.Contains(ruleWords, span.Span.Slice(text), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(span.Message));
    }

    [Fact]
    public void Find_SentenceInsideMessage_ReturnsOffsetsIntoTheWholeMessage()
    {
        const string text = "😡😡 Thanks for the lift. You leave your dishes everywhere and NEVER wash a single one 🙄";

        var spans = FindInSentence(text, 1);

        Assert.Contains(spans, s => s.Span.Slice(text).Contains("NEVER", StringComparison.Ordinal));
        Assert.All(spans, s => AssertWholeCodePoints(text, s.Span));
        Assert.All(spans, s => Assert.True(s.Span.Offset >= text.IndexOf("You", StringComparison.Ordinal)));
    }

    [Fact]
    public void Find_NoRuleCoversTheHighlight_ExplainsItByTheCategory()
    {
        const string text = "Cool so I'm the maid now.";

        var spans = FindInSentence(text);

        Assert.NotEmpty(spans);
        Assert.All(spans, s => Assert.EndsWith(".learned", s.RuleId, StringComparison.Ordinal));
        Assert.All(spans, s => AssertWholeCodePoints(text, s.Span));
    }

    private static void AssertWholeCodePoints(string text, TextSpan span)
    {
        Assert.InRange(span.Offset, 0, text.Length);
        Assert.InRange(span.End, span.Offset, text.Length);
        Assert.False(span.Offset > 0 && char.IsLowSurrogate(text[span.Offset]) && char.IsHighSurrogate(text[span.Offset - 1]), "span starts inside a surrogate pair");
        Assert.False(span.End < text.Length && char.IsLowSurrogate(text[span.End]) && char.IsHighSurrogate(text[span.End - 1]), "span ends inside a surrogate pair");
    }
}
