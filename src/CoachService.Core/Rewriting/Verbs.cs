using CoachService.Core.Text;

namespace CoachService.Core.Rewriting;

/// <summary>Just enough English verb morphology to turn "you never asked" into "you didn't ask" and "you made me miss" into "I missed".</summary>
internal static class Verbs
{
    private static readonly Dictionary<string, string> IrregularPast = new(Lexicon.Shipped.Pairs("verbs.irregular-past"), StringComparer.OrdinalIgnoreCase);

    private static readonly Dictionary<string, string> IrregularBase = IrregularPast
        .GroupBy(p => p.Value, StringComparer.OrdinalIgnoreCase)
        .ToDictionary(g => g.Key, g => g.First().Key, StringComparer.OrdinalIgnoreCase);

    // Regular stems that look as if they had lost a final "e" but did not (listen-ed, not listene-d).
    private static readonly HashSet<string> NoFinalE = new(Lexicon.Shipped.Words("verbs.no-final-e"), StringComparer.OrdinalIgnoreCase);

    private static readonly HashSet<string> FinalE = new(Lexicon.Shipped.Words("verbs.final-e"), StringComparer.OrdinalIgnoreCase);

    private static readonly Dictionary<string, string> IrregularParticiple = new(Lexicon.Shipped.Pairs("verbs.irregular-participle"), StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether a word can be a past participle: been, eaten, told, booked (a simple past such as "went" passes too; callers look only at the word after an auxiliary).</summary>
    public static bool IsParticiple(string word) => IrregularParticiple.ContainsKey(word) || IsPast(word);

    /// <summary>The plain form of a past-tense verb: asked → ask, stopped → stop, cared → care, forgot → forget.</summary>
    public static string Base(string past)
    {
        if (IrregularBase.TryGetValue(past, out var irregular))
        {
            return irregular;
        }

        if (!past.EndsWith("ed", StringComparison.OrdinalIgnoreCase) || past.Length <= 3)
        {
            return past;
        }

        if (past.EndsWith("ied", StringComparison.OrdinalIgnoreCase))
        {
            return past[..^3] + "y";
        }

        string stem = past[..^2];
        if (FinalE.Contains(stem + "e"))
        {
            return stem + "e";
        }

        if (stem.Length >= 3 && stem[^1] == stem[^2] && !"lsfz".Contains(stem[^1], StringComparison.Ordinal))
        {
            return stem[..^1];
        }

        if (stem.EndsWith('e') || NoFinalE.Contains(stem))
        {
            return stem;
        }

        // care-d, like-d, love-d: a single vowel between consonants at the end usually had an "e".
        return EndsConsonantVowelConsonant(stem) ? stem + "e" : stem;
    }

    private static readonly HashSet<string> PastValues = new(IrregularPast.Values.Concat(Lexicon.Shipped.Words("verbs.past-auxiliaries")), StringComparer.OrdinalIgnoreCase);

    private static readonly HashSet<string> NotPast = new(Lexicon.Shipped.Words("verbs.not-past"), StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether the word is a verb whose past is spelled as its plain form ("put", "let", "shut", "read"), so its tense is in the rest of the clause.</summary>
    public static bool IsEitherTense(string word) => NotPast.Contains(word) && PastValues.Contains(word);

    /// <summary>Whether the clause says it happened in the past, with a past verb after its first ("… when you left") or a word such as "yesterday" (<c>verbs.past-markers</c>).</summary>
    public static bool SaysPast(IEnumerable<string> words)
    {
        var list = words.ToList();
        return list.Any(IsPast) || list.Any(PastMarkers.Contains)
            || list.Zip(list.Skip(1), (a, b) => a + " " + b).Any(PastMarkers.Contains);
    }

    private static readonly HashSet<string> PastMarkers = new(Lexicon.Shipped.Words("verbs.past-markers"), StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether a word is a past-tense verb form (forgot, asked, didn't); "read", "put" and the like are left as present.</summary>
    public static bool IsPast(string word) =>
        !NotPast.Contains(word) && (PastValues.Contains(word) || (word.Length > 3 && word.EndsWith("ed", StringComparison.OrdinalIgnoreCase)));

    /// <summary>
    /// A past form written with "'d" ("RSVP'd", "OK'd", "cc'd"): not a contraction of "would" or "had", which comes after
    /// a pronoun ("you'd", "we'd") and is that word itself. For the tense of a clause only: <see cref="Base"/> does not
    /// take it apart.
    /// </summary>
    public static bool IsElidedPast(string word) =>
        word.Length > 3 && (word.EndsWith("'d", StringComparison.OrdinalIgnoreCase) || word.EndsWith("\u2019d", StringComparison.OrdinalIgnoreCase))
        && !ElidedPronoun.Contains(word[..^2]);

    private static readonly HashSet<string> ElidedPronoun = new(["you", "we", "they", "she", "he", "it", "that", "who", "there", "i", "u"], StringComparer.OrdinalIgnoreCase);

    private static readonly HashSet<string> NotThirdPerson = new(Lexicon.Shipped.Words("verbs.not-third-person"), StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The plain form of a third-person verb ("says" → "say", "goes" → "go", "tries" → "try", "misses" → "miss",
    /// "apologizes" → "apologize", "has" → "have"); null when the word is not one. A guess from the spelling: "-es" goes
    /// after s, x, ch, sh, zz and o, otherwise only "-s".
    /// </summary>
    public static string? BaseOfThirdPerson(string word)
    {
        if (word.Length < 3 || !word.EndsWith('s') || word.EndsWith("ss", StringComparison.OrdinalIgnoreCase) || NotThirdPerson.Contains(word))
        {
            return null;
        }

        string lower = word.ToLowerInvariant();
        return lower switch
        {
            "has" => "have",
            "does" => "do",
            "aches" => "ache",
            _ when lower.EndsWith("ies", StringComparison.Ordinal) && lower.Length > 4 => word[..^3] + "y",
            _ when lower.EndsWith("ses", StringComparison.Ordinal) || lower.EndsWith("xes", StringComparison.Ordinal)
                || lower.EndsWith("ches", StringComparison.Ordinal) || lower.EndsWith("shes", StringComparison.Ordinal) || lower.EndsWith("zzes", StringComparison.Ordinal)
                || lower.EndsWith("oes", StringComparison.Ordinal) => word[..^2],
            _ => word[..^1],
        };
    }

    /// <summary>The past tense of a plain verb: miss → missed, cry → cried, forget → forgot.</summary>
    public static string Past(string verb)
    {
        if (IrregularPast.TryGetValue(verb, out var irregular))
        {
            return irregular;
        }

        if (verb.EndsWith('e'))
        {
            return verb + "d";
        }

        if (verb.Length > 2 && verb.EndsWith('y') && !IsVowel(verb[^2]))
        {
            return verb[..^1] + "ied";
        }

        return verb + "ed";
    }

    private static bool EndsConsonantVowelConsonant(string stem) =>
        stem.Length >= 3 && !IsVowel(stem[^1]) && !"wxy".Contains(stem[^1], StringComparison.Ordinal)
        && IsVowel(stem[^2]) && !IsVowel(stem[^3]);

    private static bool IsVowel(char c) => "aeiouAEIOU".Contains(c, StringComparison.Ordinal);
}
