using CoachService.Core.Rewriting;

namespace CoachService.Core.Tests.Rewriting;

public class TextingNormalizerTests
{
    [Theory]
    [InlineData("u left the gate open", "you left the gate open")]
    // Part of a hyphenated name, a letter is not shorthand (panel 17: "When they-Haul has nothing for the 30th, …").
    [InlineData("U-Haul has nothing for the 30th", "U-Haul has nothing for the 30th")]
    [InlineData("u said u booked the U-Haul", "you said you booked the U-Haul")]
    public void Normalize_Shorthand_BecomesPlainEnglish_ButNotInsideAHyphenatedName(string text, string expected) =>
        Assert.Equal(expected, TextingNormalizer.Normalize(text));

    /// <summary>"cuz" is "cousin" after a possessive (panel 30, read: "you gave my ticket … to your because"), "because" elsewhere.</summary>
    [Theory]
    [InlineData("you gave my ticket to the Hurricanes game to your cuz", "you gave my ticket to the Hurricanes game to your cousin")]
    [InlineData("u lent ur cuz the car", "you lent your cousin the car")]
    [InlineData("i left cuz u were late", "I left because you were late")]
    [InlineData("I rang her cuz I was worried", "I rang her because I was worried")]
    [InlineData("cuz you forgot", "because you forgot")]
    public void Normalize_Cuz_IsCousinAfterAPossessive_ElseBecause(string text, string expected) =>
        Assert.Equal(expected, TextingNormalizer.Normalize(text));
}
