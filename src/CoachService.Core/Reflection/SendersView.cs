using System.Text.RegularExpressions;
using CoachService.Core.Text;

namespace CoachService.Core.Reflection;

/// <summary>
/// Turns a situation written to the partner ("you didn't call while I waited") into the sender's view of it, for a
/// question asked of the sender: the partner becomes "they" ("they didn't call while you waited"). Singular "they"
/// keeps the verbs as they are; "I was" becomes "you were", and an object "you" becomes "them". Only the words
/// change: spacing and punctuation stay as written.
/// </summary>
public static partial class SendersView
{
    /// <summary>The partner ("you" in the message) becomes "they", the sender ("I") becomes "you".</summary>
    private static readonly Dictionary<string, string> Words = new(Lexicon.Shipped.Pairs("senders-view.swaps"), StringComparer.OrdinalIgnoreCase);

    /// <summary>Words after which "you" starts a clause (and so becomes "they", not "them"): conjunctions, and verbs that take a clause ("pretend you miss me").</summary>
    private static readonly HashSet<string> ClauseStarts = new(Lexicon.Shipped.Words("senders-view.clause-starts"), StringComparer.OrdinalIgnoreCase);

    /// <summary>Words that follow "you" only as a subject ("I saw you were upset", "I know you never listen"): "you" before them becomes "they".</summary>
    private static readonly HashSet<string> SubjectBefore = new(Lexicon.Shipped.Words("senders-view.subject-before"), StringComparer.OrdinalIgnoreCase);

    /// <summary>Verbs whose object "you" is followed by a bare verb ("let you have", "watched you do"): "you" after them stays "them".</summary>
    private static readonly HashSet<string> ObjectVerbs = new(Lexicon.Shipped.Words("senders-view.object-verbs"), StringComparer.OrdinalIgnoreCase);

    /// <summary>Bare verbs after which "you" after a verb that takes an object stays its object ("let you go", "made you help").</summary>
    private static readonly HashSet<string> BareVerbs = new(Lexicon.Shipped.Words("senders-view.bare-verbs"), StringComparer.OrdinalIgnoreCase);

    /// <summary>Auxiliaries that make "you" after them the subject of a question ("would you come up", "what do you want").</summary>
    private static readonly HashSet<string> InvertingAuxiliaries = new(Lexicon.Shipped.Words("senders-view.inverting-auxiliaries"), StringComparer.OrdinalIgnoreCase);

    public static string Of(string situation)
    {
        ArgumentNullException.ThrowIfNull(situation);
        // "your own wife" in a message to the partner is the sender: "you" in their view, not "their own wife" (blind raters,
        // panel 19, read the third person as cold). Only with "own": "you chose your wife over me" is about someone else.
        string text = SendersSpouse().Replace(situation.Replace('’', '\''), m => m.Groups["s"].Success ? "my" : "me");
        var words = Word().Matches(text);
        // Words quoted from the partner keep their own pronouns ("they asked you 'what do you want for your birthday'"):
        // turned round, they read as garbled to panel 22's raters ("what do them want").
        var quoted = Quotation().Matches(text);
        var view = new System.Text.StringBuilder(text.Length + 8);
        int end = 0;
        string? last = null;
        for (int i = 0; i < words.Count; i++)
        {
            string lower = words[i].Value.ToLowerInvariant();
            int at = words[i].Index;
            if (quoted.Any(q => at > q.Index && at < q.Index + q.Length - 1))
            {
                view.Append(text, end, at + words[i].Length - end);
                last = words[i].Value;
                end = at + words[i].Length;
                continue;
            }

            string? previous = i > 0 ? words[i - 1].Value.ToLowerInvariant() : null;
            string? next = i + 1 < words.Count ? words[i + 1].Value : null;
            string between = text[end..words[i].Index];
            bool clauseStart = previous is null || ClauseStarts.Contains(previous) || between.IndexOfAny([',', ';', ':', '—', '–']) >= 0;
            string converted = lower switch
            {
                "you" when clauseStart => "they",
                // The subject when a word only a subject takes follows ("I saw you were upset"), unless that word is a bare
                // verb after a verb that takes an object ("let you have", "watched you do").
                // So is "you" right before a past verb ("the one you paid a friend to fix"), but not before a form of "be"
                // or "have" ("waiting for you was pointless"), nor after a verb or a word that takes it as its object
                // ("I found you passed out", "married to you wasn't meant to …").
                // Before "was" or "is" it is the subject in the sender's dialect ("couldn't tell me you wasn't coming"), unless a
                // preposition takes it ("waiting for you was pointless"; panel 20's raters read "them wasn't coming" as mockery).
                "you" when next is not null && next.ToLowerInvariant() is "was" or "wasn't" or "is" or "isn't" && !Prepositions.Contains(previous!) => "they",
                "you" when InvertingAuxiliaries.Contains(previous!) => "they",
                "you" => next is not null && (SubjectBefore.Contains(next) || (NextIsPastVerb(text, words[i], words[i + 1]) && !TakesObject(previous!)))
                    && !(ObjectVerbs.Contains(previous!) && BareVerbs.Contains(next)) ? "they" : "them",
                "was" when previous == "i" => "were",
                "am" or "is" when previous == "i" => "are",
                // "you was", "you is" become "they were", "they are": the sender's dialect echoed back reads as mockery
                // (panel 16, rated blind and read since: "When they was in Tobago …", "When they is the fun daddy …").
                "was" when last == "they" => "were",
                "is" when last == "they" => "are",
                "wasn't" when last == "they" => "weren't",
                "isn't" when last == "they" => "aren't",
                _ => Words.GetValueOrDefault(lower, words[i].Value),
            };
            view.Append(between).Append(converted);
            last = converted;
            end = words[i].Index + words[i].Length;
        }

        return view.Append(text, end, text.Length - end).ToString();
    }

    private static bool NextIsPastVerb(string text, Match you, Match next)
    {
        string word = next.Value.ToLowerInvariant();
        return string.IsNullOrWhiteSpace(text[(you.Index + you.Length)..next.Index]) && Rewriting.Verbs.IsPast(word)
            && word is not ("was" or "wasn't" or "were" or "weren't" or "had" or "hadn't");
    }

    private static bool TakesObject(string previous) =>
        ObjectVerbs.Contains(previous) || Prepositions.Contains(previous) || Rewriting.Verbs.IsPast(previous);

    /// <summary>Words after which "you" is an object ("married to you", "waited for you").</summary>
    private static readonly HashSet<string> Prepositions = new(Lexicon.Shipped.Words("senders-view.prepositions"), StringComparer.OrdinalIgnoreCase);

    [GeneratedRegex(@"\byour\s+own\s+(?:wife|husband|missus|hubby|spouse)(?<s>'s)?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SendersSpouse();

    // A quotation opened after a space or at the start, closed before a space, punctuation or the end, with no quote
    // mark inside (so "don't" inside one hides it, and the words are turned round as before).
    [GeneratedRegex(@"(?<![\w])['""“‘][^'""”’]{2,120}['""”’](?![\w])")]
    private static partial Regex Quotation();

    [GeneratedRegex(@"[A-Za-z]+(?:'[A-Za-z]+)?")]
    private static partial Regex Word();
}
