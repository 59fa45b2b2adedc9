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
}
