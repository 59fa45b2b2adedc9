using System.Text.RegularExpressions;

namespace CoachService.Core.Rewriting;

/// <summary>
/// Finds the behaviour a complaint is about, in the sender's own words, and restates it as a neutral
/// "when …" clause: absolutes, judgements, sarcasm and orders are taken out so the facts remain.
/// "You never help with the dishes" → "you don't help with the dishes"; "Must be nice to sleep till noon" →
/// "you sleep till noon"; "It's your fault we missed the bus" → "we missed the bus". Returns null when the
/// sentence has no behaviour to keep ("you're so selfish"), so the concern's own situation is used instead.
/// </summary>
public static partial class SituationExtractor
{
    private const int MaxWords = 18;

    /// <summary>Each reshapes one kind of complaint into a clause, or gives up (null) when only a judgement is left.</summary>
    private static readonly (Regex Pattern, Func<Match, string?> Reshape)[] Shapes =
    [
        // Accusations: keep what happened, drop who is to blame.
        (R(@"^(?:you're|you are)\s+(?:the\s+)?(?:only\s+)?reason\s+(?:why\s+|that\s+)?(?<x>.+)$"), m => m.Groups["x"].Value),
        (R(@"^(?:it's|it is|this is|that's|that is|its)\s+(?:all\s+)?your\s+fault\s+(?:that\s+)?(?<x>.+)$"), m => m.Groups["x"].Value),
        (R(@"^(?<x>.+?),?\s+(?:and\s+)?(?:it's|that's|this is|that is|its)\s+(?:all\s+)?(?:on you|your fault)$"), m => m.Groups["x"].Value),
        (R(@"^(?:it's|it is|this is|that's|that is|its)\s+(?:all\s+)?(?:your fault|on you)$"), _ => null),
        (R(@"^(?:it's|it is|that's|that is|its)\s+your\s+(?:mess|problem|job|responsibility|doing)\b.*$"), _ => null),
        (R(@"^(?:because of (?:you|that|this)|thanks to (?:you|that|this)|cause of you|no thanks to you),?\s+(?<x>.+)$"), m => m.Groups["x"].Value),
        (R(@"^because\s+you\s+(?<x>[^,]+),\s+(?<y>.+)$"), m => m.Groups["y"].Value),
        (R(@"^(?<x>.+?)\s+(?:because of you|thanks to you|and it's because of you)$"), m => m.Groups["x"].Value),
        (R(@"^you\s+(?:made|make)\s+me\s+(?:feel\s+\w+.*)$"), _ => null),
        (R(@"^you\s+made\s+me\s+(?<adj>late|wait|cry|miss|lose|forget|look|drive|walk|pay|leave|run|sit|stand)\b(?<rest>.*)$"),
            m => "I " + (m.Groups["adj"].Value.Equals("late", StringComparison.OrdinalIgnoreCase) ? "was late" : Verbs.Past(m.Groups["adj"].Value.ToLowerInvariant())) + m.Groups["rest"].Value),
        // Only an occasion can "not go the way I hoped"; "you wrecked the car" keeps no situation.
        (R(@"^you\s+(?:totally\s+|completely\s+|just\s+)?(?:ruined|wrecked|spoiled|spoilt|messed up|screwed up|killed)\s+(?<x>(?:(?:my|our|the|this|that|your|his|her|their|a)\s+)?(?:\w+\s+)?(?:dinner|evening|night|party|birthday|anniversary|holiday|holidays|trip|weekend|christmas|date|day|wedding|morning|afternoon|surprise|plans|meal|lunch|breakfast|brunch|celebration|barbecue|bbq|visit|event|film|movie|concert|show|match|game|mood|moment|vacation|honeymoon))[.!?]*$"),
            m => m.Groups["x"].Value + " didn't go the way I hoped"),
        (R(@"^you\s+(?:totally\s+|completely\s+|just\s+)?(?:ruined|wrecked|spoiled|spoilt|messed up|screwed up|killed)\b.*$"), _ => null),

        // Orders: the behaviour behind "stop …" / "just …".
        (R(@"^(?:(?:just|please|for once|for god's sake|seriously),?\s+)*(?:stop|quit)\s+(?:being|acting)\b.*$"), _ => null),
        (Anchored(@"^(?:(?:just|please|for once|seriously),?\s+)*(?:stop|quit)\s+(?<g>\w+ing)\b(?<rest>.*?)(?:,?\s+and\s+(?:actually\s+|just\s+)?(?!I\b|we\b|you\b|the\b|my\b|your\b)\w+\b.*)?$"),
            m => "you're " + m.Groups["g"].Value + m.Groups["rest"].Value),
        (R(@"^you\s+(?:might|could)\s+have\s+(?<v>told|asked|mentioned|warned|checked with)\s+(?<x>.+)$"),
            m => "you didn't " + Verbs.Base(m.Groups["v"].Value.ToLowerInvariant()) + " " + m.Groups["x"].Value),
        (R(@"^(?:(?:just|please|for once|seriously),?\s+)*(?:get off|put down|put away|get away from)\s+(?:your|the)\s+(?<o>phone|laptop|tablet|ipad|computer|console|xbox|playstation|game|games|screen)\b.*$"),
            m => "you're on your " + m.Groups["o"].Value),
        (Anchored(@"^(?:(?:just|please|for once|for once in your life|seriously),?\s+)*(?<v>call|text|help|listen|answer|pick up|clean|tidy|wash|do|tell|take|come|show up|turn|put|ask|check|pay|reply|remember)\b(?!\s+(?:you|u)\b)(?<rest>.*)$"),
            m => "you don't " + m.Groups["v"].Value.ToLowerInvariant() + m.Groups["rest"].Value),

        // Attacking questions: the thing that did not happen.
        (R(@"^what(?:'s| is)?\s+(?:wrong|the matter|the problem|up)\s+with\s+you.*$"), _ => null),
        (R(@"^how many times do I have to (?:tell|remind) you (?:that\s+)(?<x>.+)$"), m => "I've told you " + m.Groups["x"].Value + " more than once"),
        (R(@"^how many times do I have to (?:ask|tell|remind) you not to\s+(?<x>.+)$"), m => "I've asked you not to " + m.Groups["x"].Value + " more than once"),
        (R(@"^how many times do I have to (?:ask|tell|remind) you (?:to\s+)?(?<x>.+)$"), m => "I've asked you to " + m.Groups["x"].Value + " more than once"),
        (R(@"^(?:how hard is it|how difficult is it|is it (?:too much|so hard|that hard|really that hard)|would it kill you)\s+(?:for you\s+)?to\s+(?<x>.+)$"), m => "you don't " + m.Groups["x"].Value),
        (R(@"^why\s+(?:can't|won't|don't)\s+you\s+(?:ever\s+|just\s+)?(?<x>.+)$"), m => "you don't " + m.Groups["x"].Value),
        (R(@"^why\s+do\s+you\s+never\s+(?<x>.+)$"), m => "you don't " + m.Groups["x"].Value),
        (R(@"^why\s+(?:do|must|did)\s+you\s+(?:always\s+)?(?:have\s+to|got\s+to|need\s+to)\s+be\b.*$"), _ => null),
        (R(@"^why\s+(?:didn't|couldn't|wouldn't)\s+you\s+(?:even\s+|just\s+)?(?<x>.+)$"), m => "you didn't " + m.Groups["x"].Value),
        (R(@"^why\s+did\s+you\s+(?:even\s+)?(?<x>.+)$"), m => "you " + PastOf(m.Groups["x"].Value)),
        (R(@"^why\s+(?:are|r)\s+you\s+(?:always\s+|still\s+|so\s+|constantly\s+)?(?<x>\w+ing\b.*|on\b.*|late\b.*|out\b.*)$"), m => "you're " + m.Groups["x"].Value),
        (R(@"^why\s+do\s+you\s+(?:always\s+|constantly\s+|keep\s+)?(?<x>.+)$"), m => "you " + m.Groups["x"].Value),
        (R(@"^did\s+you\s+(?:even|ever|actually|honestly|seriously)\s+(?<x>.+)$"), m => "you didn't " + m.Groups["x"].Value),
        (R(@"^(?:do|can)\s+you\s+(?:even|ever|actually|honestly|seriously)\s+(?<x>.+)$"), m => "you don't " + m.Groups["x"].Value),
        (R(@"^(?:are|r)\s+you\s+(?:serious|kidding|for real|joking|blind|deaf|insane|crazy)\b.*$"), _ => null),

        // Sarcasm: the fact underneath.
        (R(@"^(?:I\s+)?(?:can't|cannot|cant|can not)\s+(?:even\s+)?believe\s+(?:that\s+)?(?<x>(?:you|we|he|she|they)\b.+)$"), m => m.Groups["x"].Value),
        (R(@"^(?:(?:it's\s+)?(?:a\s+)?(?:shame|pity|too bad))\s+(?:that\s+)?(?<x>.+)$"), m => m.Groups["x"].Value),
        (R(@"^(?:(?:great|good|nice|amazing|brilliant|fantastic|wonderful|excellent)\s+)?(?:job|work)\s+(?<g>\w+ing)\b(?<rest>.*)$"), m => "you're " + m.Groups["g"].Value + m.Groups["rest"].Value),
        (R(@"^(?:should|shall|do|does|did|can|could|would|will|is|are|am|was|were|who|what|how|where|which)\b.*$"), _ => null),
        (R(@"^(?:it\s+)?must\s+be\s+(?:so\s+)?(?:nice|lovely|great|fun|exhausting|hard|tough|relaxing)\s+(?:to\s+|being able to\s+)?(?<x>.+)$"),
            m => (Gerund().IsMatch(m.Groups["x"].Value) ? "you're " : "you ") + m.Groups["x"].Value),
        (R(@"^(?:(?:how\s+)?(?:nice|good|great|kind|sweet|lovely)\s+)?of\s+you\s+to\s+(?:finally\s+)?(?<x>.+)$"), _ => null),
        (R(@"^(?:thanks|thank you|thx)\s+(?:so much\s+|a lot\s+)?for\s+(?:nothing|the help)\b.*$"), _ => null),
        (R(@"^(?:late|forgot|forgotten|missed|skipped|cancelled|canceled)\b(?<rest>.*)$"), m => StartWithYou(m.Value)),
        (R(@"^(?:I'm|I am|I|we're|we are|we)\s+(?:obviously|clearly|apparently|totally|definitely|of course)\b.*$"), _ => null),
        (R(@"^(?:you|u)\s+(?:do|DO)\s+(?:know|care|have|remember|listen|hear|see)\b.*$"), _ => null),

        // A wish about what they did: "I just wish you didn't sigh when I ask" → "you sigh when I ask".
        (R(@"^I\s+(?:just\s+|really\s+)?wish\s+(?:that\s+)?you\s+(?:didn't|wouldn't|did not|would not)\s+(?<x>.+)$"), m => "you " + m.Groups["x"].Value),

        // Judgements dressed as feelings: keep the part after "when/because", if any.
        (R(@"^I\s+(?:feel|felt)\s+like\s+(?:a|an|the)\s+.*$"), _ => null),
        (R(@"^I\s+(?:feel|felt)\s+(?:like|that|as if|as though)\s+(?<x>.+)$"), m => m.Groups["x"].Value),
        (R(@"^I\s+(?:feel|felt)\s+(?:so\s+|really\s+|completely\s+)?\w+(?:\s+by you)?\s+(?:when|because|whenever|every time|each time|any time|anytime)\s+(?<x>.+)$"), m => m.Groups["x"].Value),

        // Character judgements: only a behaviour after "when …" survives.
        (R(@"^(?:you're|you are)\s+(?:so\s+|such\s+an?\s+|being\s+|really\s+|a\s+|an\s+)*\w+\s+(?:when|whenever)\s+(?<x>.+)$"), m => m.Groups["x"].Value),
        (R(@"^(?:you're|you are)\s+(?:so\s+|such\s+a\s+|such\s+an\s+|a\s+|an\s+|being\s+|just\s+|really\s+|literally\s+|the\s+most\s+)*(?<trait>\w+)$"), _ => null),
        (Anchored(@"^(?:you're|you are|your)\s+(?:\w+\s+)?(?:so|such)\s+(?!much\b|many\b|late\b|often\b|busy\b).*$"), _ => null),
    ];

    public static string? Extract(string sentence)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        string normalized = TextingNormalizer.Normalize(sentence);
        // Mock praise ("wow, you emptied the dishwasher!", but not "wow u forgot the bill") says the opposite of its
        // words, and a boundary ("I'm not
        // cleaning up after them again") is not what happened: taken literally, either turns the complaint round.
        if ((MockPraise().IsMatch(normalized) && !Failure().IsMatch(normalized)) || Boundary().IsMatch(normalized))
        {
            return null;
        }

        string text = StripDiscourse(normalized);
        if (text.Length == 0)
        {
            return null;
        }

        string? clause = text;
        foreach (var (pattern, reshape) in Shapes)
        {
            var match = pattern.Match(text);
            if (match.Success)
            {
                clause = reshape(match);
                break;
            }
        }

        return clause is null ? null : Usable(Finish(clause));
    }

    /// <summary>
    /// Whether a clause can carry the feeling: not when it would hang it on the wrong event. A short clause about "it"
    /// or "that" ("it's a cold") or the sender alone ("I asked you in March"), the sender's own words ("I told you I
    /// needed an hour"), a bare "you promised", and a promise or an agreement ("you said you'd …", "we said no
    /// takeaways this month") read as if the promise or the agreement hurt; the promise form also let a dangerous
    /// message of the blind safety file through (a promise can be a demand in disguise).
    /// </summary>
    private static string? Usable(string? clause) =>
        clause is null
        || ((VagueStart().IsMatch(clause) || SenderStart().IsMatch(clause)) && clause.Split(' ').Length <= 6)
        || SenderSaid().IsMatch(clause) || BareSaying().IsMatch(clause) || SituationRequest.IsPromise(clause) || Agreement().IsMatch(clause)
            ? null
            : clause;

    /// <summary>Absolutes and intensifiers out, negations fixed, first word lower-case, length capped.</summary>
    private static string? Finish(string clause)
    {
        string text = StripDiscourse(clause);
        // "you never feed the cat": a word ending in -ed that is not a past tense stays as it is, in the present.
        text = NeverPast().Replace(text, m => Verbs.IsPast(m.Groups["v"].Value)
            ? $"{m.Groups["s"].Value} didn't {Verbs.Base(m.Groups["v"].Value)}"
            : $"{m.Groups["s"].Value} {Negative(m.Groups["s"].Value)} {m.Groups["v"].Value}");
        text = Never().Replace(text, m => $"{m.Groups["s"].Value} {Negative(m.Groups["s"].Value)}");
        text = NeverAfterAnd().Replace(text, "${c} don't");
        text = NegatedNever().Replace(text, "$1");
        text = EveryTimeBeforeAClause().Replace(text, " when ${next}");
        text = Absolutes().Replace(text, "");
        text = Intensifiers().Replace(text, "${after}");
        text = Spaces().Replace(text, " ").Trim().TrimEnd(',', ';', ':', '-', '—');
        text = LaughingTail().Replace(text, "");

        // One clause: what follows a comma or dash is usually a sarcastic tail or a second complaint.
        int comma = text.IndexOfAny([',', ';', '—']);
        if (comma > 0 && text[..comma].Count(c => c == ' ') >= 2)
        {
            text = text[..comma].Trim();
        }
        if (text.Length == 0 || !text.Any(char.IsLetter))
        {
            return null;
        }

        var words = text.Split(' ');
        if (words.Length > MaxWords)
        {
            int cut = Array.FindIndex(words, 6, w => w.EndsWith(',') || w is "and" or "but" or "because" or "so" or "while" or "which");
            words = words[..(cut > 0 && cut < MaxWords ? cut : MaxWords)];
            text = string.Join(' ', words).TrimEnd(',');
        }

        // A clause must start with who or what it is about; anything else is a fragment ("hug me back").
        if (Judgement().IsMatch(text) || words.Length < 2 || !ClauseStart().IsMatch(text))
        {
            return null;
        }

        return char.IsUpper(text[0]) && !text.StartsWith("I ", StringComparison.Ordinal) && !text.StartsWith("I'", StringComparison.Ordinal)
            ? char.ToLowerInvariant(text[0]) + text[1..]
            : text;
    }


    private static string Negative(string subject) => subject.Equals("he", StringComparison.OrdinalIgnoreCase) || subject.Equals("she", StringComparison.OrdinalIgnoreCase) || subject.Equals("it", StringComparison.OrdinalIgnoreCase) ? "doesn't" : "don't";

    private static string PastOf(string phrase)
    {
        int space = phrase.IndexOf(' ', StringComparison.Ordinal);
        string verb = space < 0 ? phrase : phrase[..space];
        return Verbs.Past(verb) + (space < 0 ? "" : phrase[space..]);
    }

    private static string StartWithYou(string clause)
    {
        string lowered = char.ToLowerInvariant(clause[0]) + clause[1..];
        return lowered.StartsWith("late", StringComparison.Ordinal) ? "you're " + lowered : "you " + lowered;
    }

    /// <summary>
    /// Strips leading and trailing discourse ("oh", "typical.", "… lol", "… again") and stray punctuation until none
    /// is left. Works on a window of the text so each pass costs what it strips: copying the text once per
    /// stripped word made a 5,000-character message quadratic (about 0.7 s of CPU).
    /// </summary>
    private static string StripDiscourse(string text)
    {
        text = ScareQuotes().Replace(text, "$1");
        int start = 0, end = text.Length;
        int previousStart, previousEnd;
        do
        {
            previousStart = start;
            previousEnd = end;

            // On a span of the window, ^ and $ anchor to its edges; value matches allocate nothing.
            foreach (var leading in LeadingDiscourse().EnumerateMatches(text.AsSpan(start, end - start)))
            {
                start += leading.Index + leading.Length;
                break;
            }

            // Right to left and anchored at $: the engine tries the end of the window only, never every position.
            foreach (var trailing in TrailingDiscourse().EnumerateMatches(text.AsSpan(start, end - start)))
            {
                end = start + trailing.Index;
                break;
            }

            // The same trims, in the same order, as Trim().TrimEnd(…).TrimStart(…) on a copy.
            while (start < end && char.IsWhiteSpace(text[start]))
            {
                start++;
            }

            while (end > start && char.IsWhiteSpace(text[end - 1]))
            {
                end--;
            }

            while (end > start && TrailingPunctuation.Contains(text[end - 1], StringComparison.Ordinal))
            {
                end--;
            }

            while (start < end && LeadingPunctuation.Contains(text[start], StringComparison.Ordinal))
            {
                start++;
            }
        }
        while (start != previousStart || end != previousEnd);

        return text[start..end];
    }

    private const string TrailingPunctuation = ".!?…,;:\"' ";
    private const string LeadingPunctuation = "\"', ";

    /// <summary>
    /// Linear in the text by construction: no backtracking engine, no wall-clock time-out. A time-out made a pause
    /// of the process (GC, CPU throttling) throw in the middle of a request, which the caller saw as a 500.
    /// </summary>
    private static Regex R(string pattern) =>
        new(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);

    /// <summary>
    /// For the few shapes that need a look-ahead, which the non-backtracking engine lacks. Each is anchored at the
    /// start, its loops are alternations of distinct words, and the text has single spaces (the normaliser
    /// collapses runs), so the backtracking engine does linear work on them; there is no time-out either.
    /// </summary>
    private static Regex Anchored(string pattern) =>
        new(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    [GeneratedRegex(@"^(?:(?:oh|wow|ugh|seriously|omg|lol|lmao|well|so|and|but|like|honestly|literally|yeah|hey|babe|dude|um|erm|hmm|sorry but|I mean|as usual|once again|yet again|of course)\b[\s,.!?…]*|(?:typical|classic|great|cool|ok|OK|okay|right|sure|again|look|listen|god|jeez|k|fine|whatever|smh|ffs|nice|shocker|yep|nope|no|yes|perfect|lovely|brilliant|fantastic|amazing|wonderful|sorry|hello|hi|hey there)(?:[,.!?…]+\s*|\s*$))", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex LeadingDiscourse();

    [GeneratedRegex(@"^(?:(?i:you|you're|you've|you'll|you'd|I|I'm|I've|I'd|we|we're|we've|the|my|your|our|there|there's|it|it's|he|she|they|this|that|these|those|a|an|someone|nobody|no one|everyone|everything|nothing))\b")]
    private static partial Regex ClauseStart();

    // Right to left, so "yet again" and "once again" come before "again": the first alternative that ends the text wins.
    [GeneratedRegex(@"[\s,]+(?:lol|lmao|smh|yet again|once again|again|as usual|for once|for a change|honestly|seriously|though|ffs|btw|thanks|I guess|apparently|or what|right|huh|wow|ok|OK|tbh|tbf|ngl|imo|fr)$", RegexOptions.IgnoreCase | RegexOptions.RightToLeft)]
    private static partial Regex TrailingDiscourse();

    [GeneratedRegex(@"\b(?<s>you|we|he|she|they|I)\s+(?:never|not once|not even once)\s+(?:even\s+|once\s+)?(?<v>\w+ed|forgot|came|went|said|told|took|got|made|gave|saw|knew|thought|brought|bought|left|sent|paid|did|had|was|were|ate|wrote|rang|showed|kept|spent)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex NeverPast();

    [GeneratedRegex(@"\b(?<s>you|we|they|I|he|she|it)\s+(?:never|not once|not even once)\b(?:\s+(?:ever|even|once))?", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex Never();

    /// <summary>"… and never wash a single one": a second verb joined by "and", "but" or "or", negated the plain way.</summary>
    [GeneratedRegex(@"\b(?<c>and|but|or)\s+never\b(?:\s+(?:ever|even|once))?", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex NeverAfterAnd();

    [GeneratedRegex(@"\b(don't|doesn't|didn't|can't|won't|isn't|aren't)\s+(?:ever|even)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex NegatedNever();

    [GeneratedRegex(@"\s*\b(?:always|constantly|forever|all the time|every single time|each and every time|every time|24/7|nonstop|non-stop|for the (?:hundredth|millionth|thousandth|fiftieth|last) time|yet again|once again|again|anymore|any more|ever|at all|whatsoever|for once in your life|for once|in your (?:whole |entire )?life|seriously|literally|actually|obviously|clearly|apparently|conveniently|of course)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex Absolutes();

    [GeneratedRegex(@"\s*\b(?:so|even|just|really|totally|completely|utterly|absolutely|honestly|ridiculously|stupid|stupidly|bloody|damn|freaking|fricking|fucking|effing)(?<after>\s)", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex Intensifiers();

    [GeneratedRegex(@"^\w+ing\b")]
    private static partial Regex Gerund();

    [GeneratedRegex(@"\b(?:selfish|lazy|useless|pathetic|immature|childish|inconsiderate|rude|heartless|clueless|hopeless|impossible|crazy|insane|dramatic|needy|controlling|stubborn|careless|irresponsible|unreliable|slob|idiot|stupid|dumb|jerk|liar|narcissist|toxic|ungrateful|spoiled|arrogant|thoughtless|clingy|paranoid|hypocrite|coward|manipulative|insensitive|oblivious|incompetent|disgusting|pathetic|petty|annoying|unbearable|ridiculous|loser|moron|baby|child|terrible|awful|horrible|worst|know it all|all talk|some nerve|the nerve|to blame|blame yourself|don't like me|don't want me|don't care|doesn't care|couldn't care|care less|don't love|don't respect|no respect|wrong with you|your problem|grow up|hate|hates|laziest|worst|jealous mess|hot mess|a mess|(?:not )?a (?:reliable|good|decent|real|proper) (?:person|partner|husband|wife|dad|mum|mom|father|mother)|\w+est person|act(?:s|ed|ing)? (?:shocked|surprised|innocent)|like a bomb|your (?:dog|cat|child|kid|kids|son|daughter|mother|mum|mom|dad|father|house|family) too|only (?:want|call|text|ring|hug|touch|apologise|apologize|remember|talk|help|listen|care|notice)\w*\b.*\bwhen|you do this|this thing where|grown (?:man|woman|adult|up))\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex Judgement();

    [GeneratedRegex(@"(?<!\w)[""']([\w ]{2,30})[""'](?!\w)")]
    private static partial Regex ScareQuotes();


    /// <summary>"… kicked out of the booking lol not me": from a laugh or eye-roll on, the rest is a sarcastic aside.</summary>
    [GeneratedRegex(@"\s+(?:lol|lmao|smh|haha|hahaha|ffs)\b.*$", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex LaughingTail();

    /// <summary>"… handing her to me every time she cries": the absolute joins two clauses, so it becomes "when" ("I feel … when you hand her to me when she cries" reads better to people than "while", blind raters found).</summary>
    [GeneratedRegex(@"\b\s+(?:every single time|each and every time|every time|each time|whenever)\s+(?<next>(?:I|you|we|he|she|they|it|my|your|our|the)\b)", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex EveryTimeBeforeAClause();

    [GeneratedRegex(@"^(?:you|u|we)\s+(?:promised|said|swore|agreed|did|do|know|asked)$", RegexOptions.IgnoreCase)]
    private static partial Regex BareSaying();

    [GeneratedRegex(@"^\W*(?:oh\s+)?(?:wow|great|amazing|brilliant|well done|congrats|congratulations|nice one|nice|cool|lovely|fantastic|bravo|look at you|gold star)\b", RegexOptions.IgnoreCase)]
    private static partial Regex MockPraise();

    [GeneratedRegex(@"^\W*(?:and\s+|so\s+|but\s+)?(?:I'm not|I am not|I won't|I will not|I refuse|I'm done|I'm not going to)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Boundary();

    [GeneratedRegex(@"^(?:I|I'm|I've|I'd|I'll)\b")]
    private static partial Regex SenderStart();

    [GeneratedRegex(@"^(?:we|you and I|you and me)\s+(?:both\s+)?(?:said|agreed|decided|promised|planned|set)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Agreement();

    [GeneratedRegex(@"^I(?:'ve)?\s+(?:told|asked|said|mentioned|reminded|explained|warned)\b(?!.*\bmore than once$)")]
    private static partial Regex SenderSaid();

    [GeneratedRegex(@"^(?:it|it's|that|that's|this|this's|there's)\b", RegexOptions.IgnoreCase)]
    private static partial Regex VagueStart();

    /// <summary>A failure named outright: after "wow" it is exasperation, not mock praise.</summary>
    [GeneratedRegex(@"\b(?:not|never|no|didn't|don't|doesn't|haven't|hasn't|forgot|forgotten|missed|lost|broke|broken)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Failure();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
