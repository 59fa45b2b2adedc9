using CoachService.Core.Reading;
using CoachService.Core.Text;

namespace CoachService.Core.Tests.Text;

/// <summary>
/// The language check's rules, on messages of its development sets (models/eval/language/dev/): each of the first
/// group was read as the wrong language before the seventh session's English anchors and short-text rule.
/// </summary>
public class LanguageCheckTests
{
    private static readonly LanguageCheck Check = new(WordPieceTokenizer.LoadEmbedded());

    [Theory]
    [InlineData("haha")]
    [InlineData("dinner at the tapas bar on Calle Mayor?")]
    [InlineData("i cant beleive you ate the last croissant")]
    [InlineData("babe wyd, bored af")]
    [InlineData("i think i left my keys in ur car")]
    [InlineData("sry fell asleep 😴 wat did i miss")]
    public void Detect_EnglishTexting_IsEnglish(string text)
    {
        Assert.Equal(LanguageReading.English, Check.Detect(text));
    }

    [Theory]
    [InlineData("Tu rentres quand ?")]
    [InlineData("Lagi di mana?")]
    [InlineData("Var är du?")]
    [InlineData("Nasaan ka na?")]
    public void Detect_ShortTextInAnotherLanguage_IsNotEnglish(string text)
    {
        Assert.False(Check.Detect(text).IsEnglish);
    }
}
