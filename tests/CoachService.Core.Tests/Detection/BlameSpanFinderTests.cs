using CoachService.Core.Detection;
using CoachService.Core.Text;

namespace CoachService.Core.Tests.Detection;

[Collection(DetectionModelsGroup.Name)]
public class BlameSpanFinderTests(DetectionFixture models)
{
    private IReadOnlyList<BlameSpan> FindInWholeText(string text)
    {
        var sentence = new TextSpan(0, text.Length);
        return models.SpanFinder.Find(text, sentence, models.Classifier.Classify(text));
    }

    [Theory]
    [InlineData("You always leave your socks on the floor.", "always", "absolute.always")]
    [InlineData("This is your fault and you know it.", "your fault", "accusation.your-fault")]
    [InlineData("I feel like you don't care about my job.", "I feel like you", "pseudo_feeling.feel-like-you")]
    [InlineData("How hard is it to text back?", "How hard is it", "rhetorical.how-hard")]
    public void Find_KnownPhrasing_ReturnsTheRuleSpan(string text, string expected, string ruleId)
    {
        var spans = FindInWholeText(text);

        var span = Assert.Single(spans, s => s.RuleId == ruleId);
        Assert.Equal(expected, span.Span.Slice(text));
        Assert.False(string.IsNullOrWhiteSpace(span.Message));
    }

    [Fact]
    public void Find_SentenceInsideMessage_ReturnsOffsetsIntoTheWholeMessage()
    {
        const string text = "😡😡 hi. You NEVER call me back 🙄";
        var sentence = SentenceSplitter.Split(text)[1];

        var spans = models.SpanFinder.Find(text, sentence, models.Classifier.Classify(sentence.Slice(text)));

        Assert.Contains(spans, s => s.Span.Slice(text) == "NEVER");
        Assert.Contains(spans, s => s.Span.Slice(text) == "🙄");
        Assert.All(spans, s => AssertWholeCodePoints(text, s.Span));
    }

    [Fact]
    public void Find_NoRuleMatches_ReturnsTheWordsTheClassifierWeighsMost()
    {
        const string text = "Cool so I'm the maid now.";
        var verdict = models.Classifier.Classify(text);
        Assert.True(verdict.IsBlame);

        var span = Assert.Single(models.SpanFinder.Find(text, new TextSpan(0, text.Length), verdict));

        Assert.EndsWith(".learned", span.RuleId, StringComparison.Ordinal);
        Assert.InRange(span.Span.Length, 1, text.Length);
        AssertWholeCodePoints(text, span.Span);
    }

    [Fact]
    public void Words_EmojiAndLoneSurrogates_NeverSplitAPair()
    {
        const string text = "ok 👍🏾 fine \uD83D x 😒";

        var words = BlameSpanFinder.Words(text);

        Assert.All(words, w => AssertWholeCodePoints(text, w));
        Assert.Contains(words, w => w.Slice(text) == "👍🏾");
    }

    private static void AssertWholeCodePoints(string text, TextSpan span)
    {
        Assert.InRange(span.Offset, 0, text.Length);
        Assert.InRange(span.End, span.Offset, text.Length);
        Assert.False(span.Offset > 0 && char.IsLowSurrogate(text[span.Offset]) && char.IsHighSurrogate(text[span.Offset - 1]), "span starts inside a surrogate pair");
        Assert.False(span.End < text.Length && char.IsLowSurrogate(text[span.End]) && char.IsHighSurrogate(text[span.End - 1]), "span ends inside a surrogate pair");
    }
}
