namespace CoachService.Core.Text;

/// <summary>The classifier was trained on English; text that is mostly in another script gets a warning.</summary>
public static class LanguageCheck
{
    public const string NotEnglishWarning =
        "This message does not look like English. The service was trained on English, so these results may be unreliable.";

    public static bool LooksNonEnglish(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int letters = 0;
        int latin = 0;
        foreach (char c in text)
        {
            if (!char.IsLetter(c))
            {
                continue;
            }

            letters++;
            if (c <= '\u024F')
            {
                latin++;
            }
        }

        return letters >= 4 && latin < letters / 2;
    }
}
