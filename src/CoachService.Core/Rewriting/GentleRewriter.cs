using System.Globalization;
using System.Text.RegularExpressions;
using CoachService.Core.Detection;
using CoachService.Core.Safety;
using CoachService.Core.Text;

namespace CoachService.Core.Rewriting;

/// <summary>
/// Rewrites the blaming sentences of a message in the gentle start-up form — I feel [feeling] when
/// [situation]. I need [need]. Could we [request]? — and keeps the sender's other sentences, in order.
/// Runs of consecutive blaming sentences become one gentle statement. The situation comes from the sender's
/// own words where that reads as blame-free; every rewrite is re-scored by the classifier and checked, and a
/// rewrite that still scores as blame is never returned.
/// </summary>
public sealed partial class GentleRewriter(
    BlameClassifier classifier, RewriteCatalog catalog, RewriteChecks checks, IReadOnlyList<BlameRule> rules, Reading.ReadingCache cache)
{
    public const string AlreadyKindNote = "This message already reads kindly: there is no blame to soften.";
    /// <summary>How the warm style closes: thanks, never praise the sender did not write.</summary>
    public const string WarmClose = "Thank you for hearing me out.";

    /// <summary>When no sentence blames but one comes close: the service says it is not sure rather than calling the message kind.</summary>
    public const string UnsureNote =
        "We're not sure about this one: parts of it may land as blame. If a sentence feels sharp to you, try naming one specific moment, how it made you feel, and what you'd like instead.";

    public const string NoBlameNote = "There is no blame in this message to soften.";

    /// <summary>
    /// When the caller's options decided what counts (their threshold, categories or rules turned off), the service
    /// says neither that the message reads kindly nor that it blames: it only rewrites what it reads as blame itself.
    /// </summary>
    public const string CallerOptionsNote =
        "Nothing here is rewritten: with the options this app chose, no sentence is one the service itself reads as blame.";
    public const string CouldNotRewriteNote =
        "We couldn't find a gentler version we're confident in. Try describing one specific moment, how it made you feel, and what you'd like instead.";

    /// <param name="analysis">The message's analysis.</param>
    /// <param name="styles">The styles wanted; null for all.</param>
    /// <param name="client">Who asks: the re-check of each candidate is cached for this client only.</param>
    public RewriteResult Rewrite(BlameAnalysis analysis, IReadOnlyList<string>? styles = null, string? client = null)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        if (analysis.Safety.Flagged)
        {
            return new RewriteResult([], analysis.Safety.Message);
        }

        if (!analysis.Language.IsEnglish)
        {
            return new RewriteResult([], LanguageCheck.NotEnglishNote);
        }

        // Only a sentence the model itself reads as blame is ever rewritten: a caller's lower threshold must not turn
        // a kind sentence into "I feel hurt when …" the sender never meant.
        bool rewritable = analysis.Sentences.Any(s => s.IsBlame && s.Score >= classifier.Threshold);
        if (!analysis.IsBlame || !rewritable)
        {
            // "Already reads kindly" is never said of a message the safety check has a concern about (its check-in
            // line is in the analysis's safety message), nor when the caller's options decided what counts.
            return new RewriteResult([], analysis.Safety.Level == SafetyLevel.Concern ? NoBlameNote
                : analysis.WithCallerOptions ? CallerOptionsNote
                : analysis.IsUnsure ? UnsureNote
                : AlreadyKindNote);
        }

        var pieces = Pieces(analysis);
        var rewrites = new List<Rewrite>();
        foreach (var style in styles is { Count: > 0 } ? styles : RewriteStyle.All)
        {
            if (Compose(analysis.Text, pieces, style, client) is { } rewrite)
            {
                rewrites.Add(rewrite);
            }
        }

        return new RewriteResult(rewrites, rewrites.Count == 0 ? CouldNotRewriteNote : null);
    }

    /// <summary>
    /// The gate every rewrite passes, template or LLM: the whole suggested message, analysed as the service
    /// analyses any message, has no sentence at or above the blame threshold, and the text the rewriter wrote
    /// passes <see cref="RewriteChecks"/>. Returns the highest sentence score, or null to reject.
    /// </summary>
    /// <param name="message">The whole suggested message, kept sentences included.</param>
    /// <param name="written">The part the rewriter (or LLM) wrote.</param>
    /// <param name="components">The parts it claims to use; the feeling and need must come from the catalogs.</param>
    /// <param name="client">Who asks, so the re-check's reading is cached for that client only (see <see cref="Reading.ReadingCache"/>); null reads it without caching.</param>
    public float? Vet(string message, string written, RewriteComponents? components = null, string? client = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(written);
        var sentences = SentenceSplitter.Split(message);
        if (sentences.Count == 0 || checks.Problems(written).Count > 0)
        {
            return null;
        }

        if (components is not null && (!catalog.Feelings.Contains(components.Feeling) || !catalog.Needs.Contains(components.Need)))
        {
            return null;
        }

        var reading = client is null ? classifier.Reader.Read(message) : cache.GetOrRead(client, message, text => classifier.Reader.Read(text));
        float score = classifier.Score(reading);
        return score < classifier.Threshold ? score : null;
    }

    /// <summary>The message as an ordered list of kept sentences and blocks of consecutive blaming sentences.</summary>
    private List<Piece> Pieces(BlameAnalysis analysis)
    {
        var pieces = new List<Piece>();
        foreach (var reported in analysis.Sentences)
        {
            // A sentence a caller's lower threshold reports, but the model does not read as blame, is kept as written.
            var sentence = reported.IsBlame && reported.Score < classifier.Threshold ? reported with { IsBlame = false } : reported;
            string text = sentence.Span.Slice(analysis.Text);
            if (sentence.IsBlame && pieces.Count > 0 && pieces[^1].Blame is { } block)
            {
                block.Add(text);
                pieces[^1].Concerns.Add(sentence.Concern);
            }
            else
            {
                var piece = sentence.IsBlame ? new Piece(null, [text]) : new Piece(text, null);
                if (sentence.IsBlame)
                {
                    piece.Concerns.Add(sentence.Concern);
                }

                pieces.Add(piece);
            }
        }

        // A sentence that is nothing but a blame cue ("… now?? classic", "Typical. Late again.", "That's on you.")
        // belongs to the blaming sentence beside it, even when the classifier cannot judge a word or two alone:
        // kept, it would trail the gentle version.
        for (int i = pieces.Count - 1; i >= 0; i--)
        {
            if (pieces[i].Kept is { } tag && IsBareCue(tag))
            {
                if (i > 0 && pieces[i - 1].Blame is { } before)
                {
                    before.Add(tag);
                    pieces.RemoveAt(i);
                }
                else if (i + 1 < pieces.Count && pieces[i + 1].Blame is { } after)
                {
                    after.Insert(0, tag);
                    pieces.RemoveAt(i);
                }
            }
        }

        // The words that judge, mock, order or pose as a feeling: a "when" clause that still holds one of them
        // ("when it's like living with a teenager") is not a neutral situation. Absolutes are taken out by the
        // extractor, and an accusation's highlight is often the behaviour itself, which the clause must keep.
        var cues = analysis.Matches.Where(m => m.Category is not (BlameCategory.Absolute or BlameCategory.Accusation))
            .Select(m => m.Span.Slice(analysis.Text).Trim().TrimEnd('.', '!', '?', ',').ToLowerInvariant())
            .Where(c => c.Any(char.IsLetter))
            .Distinct()
            .ToList();
        var feelingInMessage = SendersFeeling(pieces.Where(p => p.Kept is not null).Select(p => p.Kept!));
        foreach (var piece in pieces.Where(p => p.Blame is not null))
        {
            // The concern the reading gave the block's sentences: the first specific one, else general.
            string concern = piece.Concerns.FirstOrDefault(c => c != Concern.General) ?? Concern.General;
            var profile = catalog.For(concern);
            piece.Plan = new BlockPlan(
                concern,
                profile,
                feelingInMessage ?? profile.Feelings[0],
                profile.Needs[0],
                piece.Blame!.Select(sentence => (Sentence: sentence, Situation: SituationExtractor.Extract(sentence)))
                    .Where(x => x.Situation is not null && KeepsMeaning(x.Sentence, x.Situation, cues))
                    .Select(x => x.Situation!).Distinct().OrderByDescending(s => s.Length).ToList());
        }

        return pieces;
    }

    /// <summary>
    /// Whether a "when" clause says what the sender said, without the blame: it holds none of the message's blame
    /// cues, and it is negated exactly when the sentence is ("you never help" → "you don't help" is kept;
    /// "do what you want, you always do" → "you don't do what you want" reverses it and is dropped).
    /// </summary>
    internal static bool KeepsMeaning(string sentence, string situation, IReadOnlyList<string> cues)
    {
        string lower = situation.ToLowerInvariant();
        if (cues.Any(c => lower.Contains(c, StringComparison.Ordinal)))
        {
            return false;
        }

        bool negated = Negated().IsMatch(situation);
        if (!Negated().IsMatch(sentence))
        {
            return !negated;
        }

        // The sentence is negated: a clause that keeps the negated word without any negation turns it round
        // ("you never wash up" → "you wash up").
        return negated || !Negated().Matches(sentence).Any(m => m.Groups["word"].Success && lower.Contains(m.Groups["word"].Value.ToLowerInvariant(), StringComparison.Ordinal));
    }

    [GeneratedRegex(@"\b(?:not|no|never|nothing|nobody|none|nowhere|cannot|\w+n['’]t)\b(?:\s+(?:even|once|ever|really|actually|just|bother to|to))*(?:\s+(?<word>[a-z]{3,}))?", RegexOptions.IgnoreCase)]
    private static partial Regex Negated();

    /// <summary>A genuine feeling the sender already named in a kind sentence ("I'm exhausted") is kept.</summary>
    private string? SendersFeeling(IEnumerable<string> keptSentences)
    {
        foreach (var sentence in keptSentences)
        {
            var match = OwnFeeling().Match(sentence);
            if (match.Success)
            {
                string word = match.Groups["f"].Value.ToLowerInvariant();
                if (catalog.Feelings.Contains(word))
                {
                    return word;
                }
            }
        }

        return null;
    }

    private Rewrite? Compose(string original, List<Piece> pieces, string style, string? client)
    {
        // The sender's own words only (each candidate situation in turn); the first version that passes the
        // classifier and the checks is kept. A stock situation never replaces their specific complaint: when
        // none of their words can be kept, there is no rewrite and the note guides them instead.
        var first = pieces.First(p => p.Plan is not null).Plan!;
        int candidates = pieces.Where(p => p.Plan is not null).Max(p => p.Plan!.Situations.Count);
        for (int level = 0; level < candidates; level++)
        {
            var parts = new List<string>();
            var written = new List<string>();
            RewriteComponents? components = null;
            foreach (var piece in pieces)
            {
                if (piece.Kept is not null)
                {
                    parts.Add(piece.Kept);
                    continue;
                }

                var plan = piece.Plan!;
                if (plan.Situations.Count == 0)
                {
                    return null;
                }

                string situation = plan.Situations[Math.Min(level, plan.Situations.Count - 1)];

                var (text, parts4) = Statement(style, plan, situation);
                parts.Add(text);
                written.Add(text);
                components ??= parts4;
            }

            string message = string.Join(' ', parts);
            if (Vet(message, string.Join(' ', written), client: client) is { } score)
            {
                return new Rewrite(style, message, components!, score, first.Concern);
            }
        }

        return null;
    }

    internal static (string Text, RewriteComponents Components) Statement(string style, BlockPlan plan, string situation)
    {
        var profile = plan.Profile;
        string topic = Topic(situation) ?? profile.Topic;
        string request = (style == RewriteStyle.Brief ? profile.BriefRequest : profile.Request).Replace("{topic}", topic, StringComparison.Ordinal);
        // One event in the past ("when you forgot to pick Mia up") was felt then: "I felt …".
        string feel = InThePast(situation) ? "felt" : "feel";

        // With no clear concern the catalog's need would be a guess ("I need connection" about a dented car), so
        // none is stated: the feeling, the sender's situation and the general request to talk about it.
        string? need = plan.Concern == Concern.General ? null : plan.Need;
        string opening = $"I {feel} {plan.Feeling} when {situation}";
        string ask = Capitalize(request) + "?";
        string text = style switch
        {
            RewriteStyle.Brief => $"{opening}. {ask}",
            // Warmth without words put in the sender's mouth: no invented praise, a neutral thanks.
            RewriteStyle.Warm => need is null ? $"{opening}. {ask} {WarmClose}" : $"{opening}, because I need {need}. {ask} {WarmClose}",
            _ => need is null ? $"{opening}. {ask}" : $"{opening}. I need {need}. {ask}",
        };
        return (text, new RewriteComponents(plan.Feeling, situation, need ?? "", ask));
    }

    /// <summary>Whether the clause's verb, right after its subject, is in the past ("you forgot …", "we missed …").</summary>
    internal static bool InThePast(string situation)
    {
        var words = situation.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length >= 2 && words[0].ToLowerInvariant() is "you" or "we" or "he" or "she" or "they" or "i" or "it" && Verbs.IsPast(words[1].Trim(',', '.'));
    }

    /// <summary>The thing the complaint is about ("the dishes"), for requests that name it.</summary>
    private static string? Topic(string situation)
    {
        var matches = ThingPhrase().Matches(situation);
        if (matches.Count == 0)
        {
            return null;
        }

        var last = matches[^1];
        return "the " + last.Groups["noun"].Value;
    }

    private static string Capitalize(string text) =>
        text.Length == 0 ? text : char.ToUpper(text[0], CultureInfo.InvariantCulture) + text[1..];

    /// <summary>Whether one blame rule's match is all the sentence says (the rest is punctuation or emoji).</summary>
    private bool IsBareCue(string sentence) =>
        rules.Any(r => r.Pattern?.Match(sentence) is { Success: true } cue && !sentence.Remove(cue.Index, cue.Length).Any(char.IsLetterOrDigit));

    [GeneratedRegex(@"\b(?:I'm|I am|I feel|I felt|I've been|feeling)\s+(?:so\s+|really\s+|pretty\s+|a bit\s+|kind of\s+)?(?<f>[a-z]+)\b", RegexOptions.IgnoreCase)]
    private static partial Regex OwnFeeling();

    [GeneratedRegex(@"\b(?:the|your|my|our)\s+(?<noun>(?:dishes|washing|laundry|bins|trash|rubbish|recycling|hoovering|vacuuming|cleaning|cooking|shopping|groceries|bathroom|kitchen|housework|chores|school run|school runs|bedtime|bedtimes|bath time|homework|nappies|diapers|bills|rent|budget|credit card|savings)\b)", RegexOptions.IgnoreCase)]
    private static partial Regex ThingPhrase();

    private sealed class Piece(string? kept, List<string>? blame)
    {
        public string? Kept { get; } = kept;

        public List<string>? Blame { get; } = blame;

        /// <summary>The concerns the reading gave the blaming sentences, in order.</summary>
        public List<string> Concerns { get; } = [];

        public BlockPlan? Plan { get; set; }
    }

    /// <summary>How one block of blaming sentences is rewritten: its concern and catalog profile, the feeling and need, and the sender's situations to try in turn.</summary>
    internal sealed record BlockPlan(string Concern, ConcernProfile Profile, string Feeling, string Need, IReadOnlyList<string> Situations);
}
