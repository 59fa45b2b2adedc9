using Lingua;

namespace CoachService.Core.Text;

/// <summary>The language a message was read as: its ISO 639-1 code, and whether the English models can read it.</summary>
public sealed record LanguageReading(string Code, bool IsEnglish)
{
    public static LanguageReading English { get; } = new("en", true);
}

/// <summary>
/// The blame and safety models understand English only, so a message in another language gets a warning, no
/// rewrite, and a note that says so. Lingua (<c>SearchPioneer.Lingua</c>) names the language among English and
/// the languages people most often write in; a text is called another language only when Lingua is clearly
/// surer of that language than of English, and a short text (fewer than <see cref="ShortWords"/> words: "ok",
/// "fine.", "k", "love u") only when English is all but ruled out, because a word or two of English reads as
/// many languages.
/// </summary>
public sealed partial class LanguageCheck(Reading.WordPieceTokenizer tokenizer)
{
    public const string NotEnglishWarning =
        "This message does not look like English. The service was trained on English, so these results may be unreliable.";

    public const string NotEnglishNote =
        "This message looks like it is not in English. The service only understands English, so it can't suggest a rewrite; it could read a blaming message as kind, or a kind one as blaming.";

    /// <summary>Fewer words than this is a short text.</summary>
    public const int ShortWords = 4;

    // Chosen on a development set written for the purpose (models/eval/language/dev/), not on the evaluation
    // set. A short text with a word English lacks is another language when Lingua is all but sure of it, or
    // fairly sure with English nearly ruled out and a letter English does not use (ä, ś, ç); short English
    // reads as Polish, Swahili or Norwegian to Lingua at up to 0.97 ("At the pharmacy.").
    private const double ShortSureConfidence = 0.9;
    private const double ShortConfidenceWithForeignLetter = 0.3;
    private const double ShortEnglishConfidence = 0.02;
    private const double LongMargin = 0.25;

    // Or: Lingua does not put English first, English is unlikely, and at most half the words are English ones
    // (whole words of the encoder's vocabulary, or texting shorthand, which that vocabulary lacks).
    private const double UnknownWordsTopConfidence = 0.15;
    private const double UnknownWordsEnglishConfidence = 0.05;
    private const double MaxEnglishWordShare = 0.5;

    // Or: a short text with no English anchor word and English unlikely to Lingua, whatever its first guess is
    // worth, when two of its words are not English ("Tu rentres quand ?"; a capitalised word after the first is a
    // name, not counted: "Sainsburys or Lidl?") or one is and it has a letter English does not use ("Var är du?").
    private const int ShortNonEnglishWords = 2;
    private const double ShortNoAnchorEnglishConfidence = 0.1;

    // And the other way: a text of several words, mostly English words, with an English anchor word ("the", "you")
    // is English even when Lingua's trigrams guess otherwise ("i cant beleive you ate the last croissant" read as
    // Finnish; a Spanish street name read as Norwegian).
    private const double AnchoredEnglishShare = 0.6;

    private static readonly HashSet<string> Shorthand = new(Lexicon.Shipped.Words("language.texting-shorthand"), StringComparer.OrdinalIgnoreCase);

    /// <summary>Common English words that are not everyday words of the other languages named here.</summary>
    private static readonly HashSet<string> Anchors = new(Lexicon.Shipped.Words("language.english-anchors"), StringComparer.OrdinalIgnoreCase);

    private static readonly Language[] Languages =
    [
        Language.English, Language.French, Language.Spanish, Language.German, Language.Italian, Language.Portuguese,
        Language.Dutch, Language.Polish, Language.Turkish, Language.Indonesian, Language.Swedish, Language.Tagalog,
        Language.Danish, Language.Bokmal, Language.Finnish, Language.Romanian, Language.Czech, Language.Hungarian,
        Language.Catalan, Language.Vietnamese, Language.Malay, Language.Swahili, Language.Croatian,
        Language.Russian, Language.Ukrainian, Language.Greek, Language.Arabic, Language.Hebrew, Language.Hindi,
        Language.Chinese, Language.Japanese, Language.Korean, Language.Thai, Language.Persian, Language.Urdu,
    ];

    // Low-accuracy mode (trigrams only): Lingua's full models for these languages take 690 MB and 5-7 s to load
    // and about 14 ms a message on this machine; this takes about 30 MB and a fraction of that. Most messages never
    // reach it: one whose words are nearly all English is English.
    private readonly LanguageDetector _detector = LanguageDetectorBuilder.FromLanguages(Languages).WithLowAccuracyMode().Build();

    /// <summary>A text of at least <see cref="ShortWords"/> words with this share of English words is English without asking Lingua.</summary>
    private const double ClearlyEnglishShare = 0.8;

    public LanguageReading Detect(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Count(char.IsLetter) < 2)
        {
            return LanguageReading.English;
        }

        var words = WordList(text);
        double share = EnglishWordShare(words);
        bool anchored = words.Any(w => Anchors.Contains(w.Replace('’', '\'')));
        bool latin = text.All(c => !char.IsLetter(c) || c < '\u0250');
        if (words.Count >= ShortWords && latin && (share >= ClearlyEnglishShare || (anchored && share >= AnchoredEnglishShare)))
        {
            return LanguageReading.English;
        }

        var (top, topConfidence, english) = Scores(text);
        if (top is "en" or "none")
        {
            return LanguageReading.English;
        }

        bool foreignLetter = text.Any(c => char.IsLetter(c) && !char.IsAscii(c));
        bool fewEnglishWords = topConfidence >= UnknownWordsTopConfidence && english <= UnknownWordsEnglishConfidence && share <= MaxEnglishWordShare;
        bool other = fewEnglishWords || (words.Count < ShortWords
            ? share < 1 && ((english <= ShortEnglishConfidence && (topConfidence >= ShortSureConfidence || (foreignLetter && topConfidence >= ShortConfidenceWithForeignLetter)))
                || (!anchored && english <= ShortNoAnchorEnglishConfidence && (NonEnglishWordsNotNames(words) >= ShortNonEnglishWords || foreignLetter)))
            : topConfidence - english >= LongMargin);
        return other ? new LanguageReading(top, false) : LanguageReading.English;
    }

    /// <summary>How many words (runs of letters, with apostrophes and hyphens inside) a text has; emoji and numbers are not words.</summary>
    public static int Words(string text) => WordList(text).Count;

    private static List<string> WordList(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = new List<string>();
        int start = -1;
        for (int i = 0; i <= text.Length; i++)
        {
            char c = i < text.Length ? text[i] : ' ';
            bool inside = char.IsLetter(c) || (start >= 0 && c is '\'' or '’' or '-' && i + 1 < text.Length && char.IsLetter(text[i + 1]));
            if (inside && start < 0)
            {
                start = i;
            }
            else if (!inside && start >= 0)
            {
                words.Add(text[start..i]);
                start = -1;
            }
        }

        return words;
    }

    private double EnglishWordShare(List<string> words)
    {
        return words.Count == 0 ? 1 : words.Count(IsEnglishWord) / (double)words.Count;
    }

    /// <summary>A word of the encoder's vocabulary or texting shorthand, also with stretched letters undone ("soooo", "yesss").</summary>
    private bool IsEnglishWord(string word)
    {
        if (Shorthand.Contains(word) || tokenizer.IsWord(word))
        {
            return true;
        }

        string once = Stretched().Replace(word, "$1");
        return !ReferenceEquals(once, word) && (tokenizer.IsWord(once) || tokenizer.IsWord(Stretched().Replace(word, "$1$1")));
    }

    /// <summary>Words that are not English ones, leaving out names (a capitalised word after the first).</summary>
    private int NonEnglishWordsNotNames(List<string> words) =>
        words.Where((w, i) => i == 0 || !char.IsUpper(w[0])).Count(w => !IsEnglishWord(w));

    [System.Text.RegularExpressions.GeneratedRegex(@"(\p{L})\1{2,}")]
    private static partial System.Text.RegularExpressions.Regex Stretched();

    /// <summary>The share of a text's words that are English words (the encoder's vocabulary, or texting shorthand).</summary>
    public double EnglishWordShare(string text) => EnglishWordShare(WordList(text));

    /// <summary>Lingua's likeliest language (ISO 639-1), its confidence, and the confidence in English.</summary>
    public (string Top, double TopConfidence, double English) Scores(string text)
    {
        var confidence = _detector.ComputeLanguageConfidenceValues(text);
        var (top, topConfidence) = confidence.First();
        double english = confidence.TryGetValue(Language.English, out double e) ? e : 0;
        return (LanguageInfo.IsoCode6391(top).ToString().ToLowerInvariant(), topConfidence, english);
    }
}
