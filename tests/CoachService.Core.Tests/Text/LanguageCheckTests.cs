using CoachService.Core.Reading;
using CoachService.Core.Text;

namespace CoachService.Core.Tests.Text;

/// <summary>
/// The language check's rules, on messages of its development sets (models/eval/language/dev/): each of the first
/// group was read as the wrong language before the seventh session's English anchors and short-text rule. The
/// names, stretched words and foreign texts with a word that looks English were written for these tests.
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
    [InlineData("Meet at Nandos?")]
    [InlineData("Call Siobhan back")]
    [InlineData("Sainsburys or Lidl?")]
    [InlineData("Lunch w Priya?")]
    [InlineData("Soooo tired")]
    [InlineData("Yesss finally")]
    [InlineData("Brill, cheers")]
    public void Detect_EnglishTexting_IsEnglish(string text)
    {
        Assert.Equal(LanguageReading.English, Check.Detect(text));
    }

    [Theory]
    [InlineData("Tu rentres quand ?")]
    [InlineData("Var är du?")]
    [InlineData("No has hecho nada en casa")]
    [InlineData("El are dreptate, nu e vina ta")]
    [InlineData("Ik ben de hele dag op de been geweest")]
    public void Detect_TextInAnotherLanguage_IsNotEnglish(string text)
    {
        Assert.False(Check.Detect(text).IsEnglish);
    }
}
