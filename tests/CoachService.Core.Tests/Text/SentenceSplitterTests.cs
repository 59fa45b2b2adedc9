using CoachService.Core.Text;

namespace CoachService.Core.Tests.Text;

public class SentenceSplitterTests
{
    private static List<string> Sentences(string text) =>
        SentenceSplitter.Split(text).Select(s => s.Slice(text)).ToList();

    [Fact]
    public void Split_TwoSentences_ReturnsEachWithItsPunctuation()
    {
        Assert.Equal(["Typical.", "Late again."], Sentences("Typical. Late again."));
    }

    [Fact]
    public void Split_NoPunctuation_ReturnsOneSentence()
    {
        Assert.Equal(["ur late again and u didnt even text"], Sentences("ur late again and u didnt even text"));
    }

    [Fact]
    public void Split_RunsOfTerminators_StayWithTheirSentence()
    {
        Assert.Equal(["Seriously?!", "Wow...", "ok"], Sentences("Seriously?! Wow... ok"));
    }

    [Fact]
    public void Split_EmojiAfterPunctuation_StaysWithTheSentence()
    {
        Assert.Equal(["Thanks for dinner! 😍", "But the dishes?"], Sentences("Thanks for dinner! 😍 But the dishes?"));
    }

    [Fact]
    public void Split_EmojiWithModifiersAndJoiners_NeverCutsASurrogatePair()
    {
        const string text = "Great job. 👏🏽 You forgot again! 🤦‍♀️ k";
        var spans = SentenceSplitter.Split(text);

        Assert.Equal(["Great job. 👏🏽", "You forgot again! 🤦‍♀️", "k"], spans.Select(s => s.Slice(text)).ToList());
        Assert.All(spans, s =>
        {
            Assert.False(char.IsLowSurrogate(text[s.Offset]));
            Assert.False(char.IsHighSurrogate(text[s.End - 1]));
        });
    }

    [Fact]
    public void Split_LineBreaks_EndSentences()
    {
        Assert.Equal(["hey", "we need to talk about money"], Sentences("hey\r\nwe need to talk about money\n"));
    }

    [Fact]
    public void Split_AbbreviationsAndDecimals_DoNotEndSentences()
    {
        Assert.Equal(["Dr. Patel moved it to 3.30 tomorrow.", "Can you drive?"], Sentences("Dr. Patel moved it to 3.30 tomorrow. Can you drive?"));
    }

    [Fact]
    public void Split_Whitespace_IsTrimmedAndOffsetsPointIntoTheText()
    {
        const string text = "   You never call.    Why?  ";
        var spans = SentenceSplitter.Split(text);

        Assert.Equal([new TextSpan(3, 15), new TextSpan(22, 4)], spans);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t ")]
    public void Split_EmptyOrWhitespace_ReturnsNoSentences(string text)
    {
        Assert.Empty(SentenceSplitter.Split(text));
    }

    [Fact]
    public void Split_LoneSurrogates_DoNotThrowAndCoverTheText()
    {
        string text = "bad \uD83D data. more \uDE00 here";

        var spans = SentenceSplitter.Split(text);

        Assert.Equal(2, spans.Count);
        Assert.Equal(text.Length, spans[^1].End);
    }
}
