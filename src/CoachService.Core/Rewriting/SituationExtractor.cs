using System.Text.RegularExpressions;
using CoachService.Core.Text;

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

    private const string ShapePrefix = "extractor.shape.";

    /// <summary>
    /// What each shape in the lexicon (<c>extractor.shape.*</c>, tried in the order written there) makes of its
    /// match: the clause, or null when only a judgement is left.
    /// </summary>
    private static readonly Dictionary<string, Reshape> Reshapes = new(StringComparer.Ordinal)
    {
        // Accusations: keep what happened, drop who is to blame.
        ["youre-the-reason"] = R(m => m.Groups["x"].Value, "x"),
        ["your-fault-that"] = R(m => m.Groups["x"].Value, "x"),
        ["then-your-fault"] = R(m => m.Groups["x"].Value, "x"),
        ["only-your-fault"] = R(_ => null),
        ["your-mess"] = R(_ => null),
        ["because-of-you-then"] = R(m => m.Groups["x"].Value, "x"),
        ["because-you-then"] = R(m => m.Groups["y"].Value, "y"),
        ["because-you"] = R(m => RunOn(m.Groups["x"].Value) ? null : m.Groups["x"].Value, "x"),
        ["then-because-of-you"] = R(m => m.Groups["x"].Value, "x"),
        ["made-me-feel"] = R(_ => null),
        ["made-me-do"] = R(m => "I " + (m.Groups["adj"].Value.Equals("late", StringComparison.OrdinalIgnoreCase) ? "was late" : Verbs.Past(m.Groups["adj"].Value.ToLowerInvariant())) + m.Groups["rest"].Value, "adj", "rest"),
        // Only an occasion can "not go the way I hoped"; "you wrecked the car" keeps no situation.
        ["ruined-occasion"] = R(m => m.Groups["x"].Value + " didn't go the way I hoped", "x"),
        ["ruined-thing"] = R(_ => null),

        // Orders: the behaviour behind "stop …" / "just …".
        ["stop-being"] = R(_ => null),
        ["stop-doing"] = R(m => "you're " + m.Groups["g"].Value + m.Groups["rest"].Value, "g", "rest"),
        ["could-have-told"] = R(m => "you didn't " + Verbs.Base(m.Groups["v"].Value.ToLowerInvariant()) + " " + m.Groups["x"].Value, "v", "x"),
        ["get-off-screen"] = R(m => "you're on your " + m.Groups["o"].Value, "o"),
        ["just-do"] = R(m => "you don't " + m.Groups["v"].Value.ToLowerInvariant() + m.Groups["rest"].Value, "v", "rest"),

        // Attacking questions: the thing that did not happen.
        ["whats-wrong-with-you"] = R(_ => null),
        ["how-many-times-told"] = R(m => "I've told you " + m.Groups["x"].Value + " more than once", "x"),
        ["how-many-times-not-to"] = R(m => "I've asked you not to " + m.Groups["x"].Value + " more than once", "x"),
        ["how-many-times-asked"] = R(m => "I've asked you to " + m.Groups["x"].Value + " more than once", "x"),
        ["how-hard-is-it"] = R(m => "you don't " + m.Groups["x"].Value, "x"),
        ["why-cant-you"] = R(m => "you don't " + m.Groups["x"].Value, "x"),
        ["why-do-you-never"] = R(m => "you don't " + m.Groups["x"].Value, "x"),
        ["why-must-you-be"] = R(_ => null),
        ["why-didnt-you"] = R(m => "you didn't " + m.Groups["x"].Value, "x"),
        ["why-did-you"] = R(m => "you " + PastOf(m.Groups["x"].Value), "x"),
        ["why-are-you"] = R(m => "you're " + m.Groups["x"].Value, "x"),
        ["why-do-you"] = R(m => "you " + m.Groups["x"].Value, "x"),
        ["did-you-even"] = R(m => "you didn't " + m.Groups["x"].Value, "x"),
        ["do-you-even"] = R(m => "you don't " + m.Groups["x"].Value, "x"),
        ["are-you-serious"] = R(_ => null),

        // Sarcasm: the fact underneath.
        ["cant-believe"] = R(m => m.Groups["x"].Value, "x"),
        ["shame-that"] = R(m => m.Groups["x"].Value, "x"),
        ["job-doing"] = R(m => "you're " + m.Groups["g"].Value + m.Groups["rest"].Value, "g", "rest"),
        ["other-question"] = R(_ => null),
        ["must-be-nice"] = R(m => (Gerund().IsMatch(m.Groups["x"].Value) ? "you're " : "you ") + m.Groups["x"].Value, "x"),
        ["nice-of-you"] = R(_ => null),
        ["thanks-for-nothing"] = R(_ => null),
        ["bare-failure"] = R(m => StartWithYou(m.Value)),
        ["sender-obviously"] = R(_ => null),
        ["you-do-know"] = R(_ => null),

        // A wish about what they did: "I just wish you didn't sigh when I ask" → "you sigh when I ask".
        ["wish-you-didnt"] = R(m => "you " + m.Groups["x"].Value, "x"),

        // Judgements dressed as feelings: keep the part after "when/because", if any.
        ["feel-like-a"] = R(_ => null),
        ["feel-like-that"] = R(m => m.Groups["x"].Value, "x"),
        ["feel-when"] = R(m => m.Groups["x"].Value, "x"),

        // Character judgements: only a behaviour after "when …" survives.
        ["youre-x-when"] = R(m => m.Groups["x"].Value, "x"),
        ["youre-trait"] = R(_ => null),
        ["youre-so"] = R(_ => null),
    };

    private static readonly (Regex Pattern, Func<Match, string?> Reshape)[] Shapes = InOrder();

    /// <summary>What a shape makes of its match, and the named groups of the shape's pattern that it reads.</summary>
    private sealed record Reshape(Func<Match, string?> Make, string[] Groups);

    private static Reshape R(Func<Match, string?> make, params string[] groups) => new(make, groups);

    /// <summary>
    /// The lexicon's shapes in its order, each with its reshape. A shape without a reshape, a reshape without a shape,
    /// or a group a reshape reads that its pattern does not name (a renamed group would silently read as empty) is a
    /// mistake in one of the two.
    /// </summary>
    private static (Regex, Func<Match, string?>)[] InOrder()
    {
        var shapes = Lexicon.Shipped.PatternsUnder(ShapePrefix).Select(s => (Name: s.Id[ShapePrefix.Length..], s.Pattern)).ToList();
        var unmatched = shapes.Select(s => s.Name).Except(Reshapes.Keys).Concat(Reshapes.Keys.Except(shapes.Select(s => s.Name))).ToList();
        if (unmatched.Count > 0)
        {
            throw new InvalidDataException($"{Lexicon.Shipped.Source}: situation shapes in the lexicon or the extractor but not both: {string.Join(", ", unmatched)}.");
        }

        foreach (var (name, pattern) in shapes)
        {
            Lexicon.Shipped.RequireGroups(ShapePrefix + name, pattern, Reshapes[name].Groups);
        }

        return shapes.Select(s => (s.Pattern, Reshapes[s.Name].Make)).ToArray();
    }

    public static string? Extract(string sentence)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        string normalized = TextingNormalizer.Normalize(sentence);
        // Mock praise ("wow, you emptied the dishwasher!", but not "wow u forgot the bill") says the opposite of its
        // words, and a boundary ("I'm not
        // cleaning up after them again") is not what happened: taken literally, either turns the complaint round.
        // Words in quotes with "me" or "I" in them are the partner's, about the sender ("You've cancelled book club again
        // 'because of me'"): without the quotes they would read as the sender's own account, and turn the complaint round.
        // So does a doubted amount or deed in quotes ("you had 'two'"): without the quotes it would read as what happened.
        if ((MockPraise.IsMatch(normalized) && !Failure.IsMatch(normalized)) || Boundary.IsMatch(normalized) || QuotedFirstPerson().IsMatch(normalized)
            || QuotedExcuse.IsMatch(normalized))
        {
            return null;
        }

        // A tally's line ("You: bought a new controller", "you - put up a shelf") loses its mark: "When they: bought …" read
        // as broken to panel 21's raters.
        string text = StripDiscourse(TallyMark().Replace(normalized, "${who} "));
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

        // A sentence about what the partner "used to" do looks back to the good past as a whole: no part of it is the
        // complaint ("You used to bring me flowers and you called me every lunch break").
        string? finished = clause is null ? null : Finish(clause);
        string? result = finished is null ? null : SituationRequest.CountedOn(finished) ?? Usable(finished);
        return result ?? (UsedTo().IsMatch(text) ? null : PartnerPart(text));
    }

    /// <summary>
    /// The clause without a name it ends on when the name calls out to the partner, not part of what happened ("you kiss
    /// the cat more than you kiss me Shona", "we weren't running late Aroha", "you don't know how to do online Graham";
    /// blind raters read such questions as addressing the sender by the wrong name): only after a word that ends what
    /// happened (<c>extractor.before-a-called-name</c>: "me", "late", "nothing", "online") or a number ("till 3 Brodie").
    /// After any other word the name is who, what or when the clause is about ("texting Jess", "you prefer Netflix",
    /// "since April") and stays.
    /// </summary>
    internal static string WithoutCalledName(string clause)
    {
        int space = clause.LastIndexOf(' ');
        if (space <= 0)
        {
            return clause;
        }

        string name = clause[(space + 1)..];
        int before = clause.LastIndexOf(' ', space - 1) + 1;
        string previous = clause[before..space];
        return name.Length > 1 && char.IsUpper(name[0]) && name.Skip(1).All(char.IsLower)
            && (BeforeACalledName.Contains(previous.ToLowerInvariant()) || (previous.Length > 0 && previous.All(char.IsDigit)))
                ? clause[..space]
                : clause;
    }

    /// <summary>
    /// Where the first clause ends: at a comma, semicolon, dash or colon, but not at a colon without a space after it
    /// ("at 6:30") or a comma between digits ("1,200 cedis"); -1 when there is none.
    /// </summary>
    private static int ClauseEnd(string text)
    {
        int colon = text.IndexOf(": ", StringComparison.Ordinal);
        return ClauseMark().Match(text) is { Success: true } found && (colon < 0 || found.Index < colon) ? found.Index : colon;
    }

    private static string FirstClause(string text) => ClauseEnd(text) is var end and > 0 ? text[..end] : text;

    /// <summary>
    /// Whether a second sentence runs on inside this one with no stop: a subject with no word before it, after the first,
    /// that could join its clause to the first ("you were on your phone we missed the first half"; but "you told the
    /// RSPB lady I forget everything").
    /// </summary>
    /// <param name="text">The clause.</param>
    /// <param name="partner">Whether "you" starting a second clause counts too ("you'd had beers at the game you couldn't
    /// have driven"); in a clause still addressed to the partner, a second "you" is often an object or a relative clause.</param>
    internal static bool RunOn(string text, bool partner = false)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.Trim(',', '.', '!', '?', '"', '\'').ToLowerInvariant()).ToArray();
        for (int i = 2; i < words.Length; i++)
        {
            if (ClauseJoiners.Contains(words[i - 1]))
            {
                return false;
            }

            if (words[i] is "we" or "i" or "they" or "he" or "she" || (partner && words[i] is "you" or "you'd" or "you're" or "you've" or "you'll"))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// What the partner did, from one part of a sentence that gives no clause as a whole ("Rhys is not sulking, he's 15
    /// and you told him in front of Cerys that he eats like a pig" → "you told him in front of Cerys that he eats like a
    /// pig"), if it says enough: four words or more, not ending on an auxiliary ("you said you would"), with no second
    /// sentence run on inside it. Not after the sender's own part ("Forty years I washed it wrong and you ate it every
    /// day"), which the partner's answers.
    /// </summary>
    private static string? PartnerPart(string text)
    {
        if (PartnerClause.Match(text) is not { Success: true } part || part.Groups["c"].Index == 0
            || NotAName.Contains(text[..part.Groups["c"].Index].Trim().TrimEnd(',').ToLowerInvariant())
            || AuxiliaryOpener(text[..part.Groups["c"].Index])
            || SenderWord().IsMatch(text.AsSpan(0, part.Groups["c"].Index)))
        {
            return null;
        }

        // "because you forgot, Emma had no cake" is what followed; "you forgot, Emma had no cake" alone runs two clauses together.
        // (Not when the sentence opens with it: that is the sentence itself, already tried.)
        // "you need to …" is an order, not what happened: a word in -ed counts only if it is a past verb.
        string verb = part.Groups["v"].Value;
        if (verb.EndsWith("ed", StringComparison.OrdinalIgnoreCase) && !Verbs.IsPast(verb))
        {
            return null;
        }

        string rest = part.Groups["b"].Success && part.Groups["b"].Index > 0 ? text[part.Groups["b"].Index..] : FirstClause(part.Groups["c"].Value);
        return !RunOn(rest) && Extract(rest) is { } clause && !RunOn(clause)
            && clause.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 4 && !AuxiliaryEnd.IsMatch(clause)
                ? clause
                : null;
    }

    /// <summary>
    /// Whether a clause can carry the feeling: not when it would hang it on the wrong event. A short clause about "it"
    /// or "that" ("it's a cold") or the sender ("I asked you in March"), or one of any length that leaves the partner
    /// out ("I cancelled our booking at 9 and ate cereal", "it's 7:40 and my father has eaten": blind raters on panel
    /// 13 read them as upset at the sender's own doing or at the clock), the sender's own words ("I told you I
    /// needed an hour"), a bare "you promised", and a promise or an agreement ("you said you'd …", "we said no
    /// takeaways this month") read as if the promise or the agreement hurt (a plain promise of the partner's has by
    /// then been told as what the sender counted on: <see cref="SituationRequest.CountedOn"/>); the promise form also let a dangerous
    /// message of the blind safety file through (a promise can be a demand in disguise). What the partner "used to" do
    /// is the good past the complaint looks back to ("you used to hold my hand"), not what hurt. "The one you paid
    /// your friend to fix" names a thing, and "you can't expect two boys to sit in silence" is a maxim with a general
    /// "you": neither says what happened. Nor does what the sender accepts or welcomes ("it's fine that you went out
    /// with your friends", "it's great that you got the promotion"): taken as the complaint, it puts words in their mouth.
    /// What someone would have done ("you'd have lost it if my mom did that to you") did not happen, and the partner's
    /// wish reported ("you said you wanted the van ready") is what they asked for, not what hurt. A retort about what they may
    /// do or who they are ("you don't get to turn it into pub chat", "you're not the budget police") names no event, and
    /// what they can do ("you can deliver to half of Old Town in 20 mins") is the set-up of a contrast, not the complaint.
    /// </summary>
    private static string? Usable(string? clause) =>
        clause is null
        || ((VagueStart.IsMatch(clause) || SenderStart.IsMatch(clause)) && (clause.Split(' ').Length <= 6 || !YouWord.IsMatch(clause)))
        || SenderSaid.IsMatch(clause) || BareSaying.IsMatch(clause) || SituationRequest.IsPromise(clause) || Agreement.IsMatch(clause)
        || Hypothetical.IsMatch(clause) || PartnerWish.IsMatch(clause) || Retort.IsMatch(clause) || Ability.IsMatch(clause)
        || UsedTo().IsMatch(clause) || NounPhrase().IsMatch(clause) || Maxim().IsMatch(clause) || Acceptance().IsMatch(clause)
            ? null
            : clause;

    /// <summary>Absolutes and intensifiers out, negations fixed, first word lower-case, length capped.</summary>
    private static string? Finish(string clause)
    {
        string text = StripDiscourse(clause);
        text = EveryTimeFronted.Replace(text, "${main} when ${when}");
        // "you can't keep lending the car to your brother" is what keeps happening: "you keep lending …" (panel 22's raters
        // read "when they can't keep lending" as nonsense). Only before an -ing verb: "you can't keep a secret" says the
        // opposite of "you keep a secret".
        text = CantKeep().Replace(text, "${who} keep ");
        // "you were the one who said you'd …" → "you said you'd …": the sender's words, without the pointed finger.
        text = TheOneWho.Replace(text, "${who} ");
        // "you never feed the cat": a word ending in -ed that is not a past tense stays as it is, in the present.
        text = NeverPast.Replace(text, m => $"{m.Groups["s"].Value} {Negated(m.Groups["v"].Value, Negative(m.Groups["s"].Value), Negative(m.Groups["s"].Value))}");
        text = Never.Replace(text, m => m.Groups["v"] is { Success: true } v
            ? $"{m.Groups["s"].Value} {Negated(v.Value, Negative(m.Groups["s"].Value), Negative(m.Groups["s"].Value))}"
            : $"{m.Groups["s"].Value} {Negative(m.Groups["s"].Value)}");
        // After "and": "… and never said" → "… and didn't say", "he comes home and never says hi" → "… and doesn't say hi".
        string plain = Negative(text.Split(' ', 2)[0].Split('\'')[0]);
        text = NeverAfterAnd.Replace(text, m => m.Groups["v"] is { Success: true } v
            ? $"{m.Groups["c"].Value} {Negated(v.Value, plain, "doesn't")}"
            : $"{m.Groups["c"].Value} {plain}");
        text = NegatedNever.Replace(text, "$1");
        text = EveryTimeBeforeAClause.Replace(text, " when ${next}");
        text = Absolutes.Replace(text, "");
        text = IntensifierSo.Replace(Intensifiers.Replace(text, "${after}"), "${after}");
        // Emphasis is a jab in a "when" clause: "you did look at the dates" → "you looked at the dates", "you've now
        // told" → "you've told" (blind raters, panel 10: "when you did see …" and "when you've now told" read oddly).
        text = EmphaticDid().Replace(text, m => EmphaticDidVerbs.Contains(m.Groups["v"].Value) ? $"{m.Groups["s"].Value} {Verbs.Past(m.Groups["v"].Value)}" : m.Value);
        text = HaveNow().Replace(text, "${have}");
        text = Spaces().Replace(text, " ").Trim().TrimEnd(',', ';', ':', '-', '—');
        text = LaughingTail.Replace(text, "");

        // One clause: what follows a comma, dash or colon is usually a sarcastic tail or a second complaint. A comma inside
        // a list is not a clause's end ("you sent your mother sugar, soap and 200,000": cut there, the clause said only
        // "sugar", and blind raters on panel 18 read it as garbled).
        int comma = ClauseEnd(text);
        while (comma > 0 && ListGoesOn().Match(text, comma) is { Success: true } list)
        {
            int next = ClauseEnd(text[(list.Index + list.Length)..]);
            comma = next < 0 ? -1 : list.Index + list.Length + next;
        }

        if (comma > 0 && text[..comma].Count(c => c == ' ') >= 2)
        {
            // Cut inside "… that this year, our tenth, you would …", the clause would end on an opener with no verb.
            text = text[..comma].Trim();
            if (OpenThatEnd().IsMatch(text))
            {
                return null;
            }
        }
        if (text.Length == 0 || !text.Any(char.IsLetter))
        {
            return null;
        }

        var words = text.Split(' ');
        if (words.Length > MaxWords)
        {
            // Cut only where a clause ends; cut anywhere else it stops mid-phrase ("… the power run out in the middle").
            int cut = Array.FindIndex(words, 6, w => w.EndsWith(',') || ClauseCutWords.Contains(w));
            if (cut <= 0 || cut >= MaxWords)
            {
                return null;
            }

            // A word with the comma after it ends the clause and stays in it; a cut word ("and", "because") starts the next.
            words = words[..(words[cut].EndsWith(',') ? cut + 1 : cut)];
            text = string.Join(' ', words).TrimEnd(',');
        }

        text = WithoutCalledName(text);
        text = BalanceQuotes(text);

        // A clause must start with who or what it is about; anything else is a fragment ("hug me back"). Nor may it be
        // only who and an auxiliary ("you don't do", from "You never do.") or open with a gerund as its verb ("you saying
        // 'I'm exhausted too' … was a bit much"): neither says what happened.
        // An article left with nothing after it ("send you a and think it's over", where an emoji was) is a gap, not English;
        // so is a negation doubled by a reshape ("you don't do not text me", "you can't not talk to me") and a clause that
        // stops on "just" or "going to" ("you were going to just… what"); and a report of a report ("the kids said you
        // told them …") garbles who said what when it is turned round (blind raters, panels 19 to 21).
        if (Judgement.IsMatch(text) || TooJudgement.IsMatch(text) || words.Length < 2 || !ClauseStart.IsMatch(text) || BareAuxiliaryEnd().IsMatch(text) || GerundAfterSubject().IsMatch(text)
            || DanglingArticle().IsMatch(text) || DoubleNegative().IsMatch(text)
            || DanglingEnd().IsMatch(text) || ReportedTwice().IsMatch(text) || TallyMarkLeft().IsMatch(text))
        {
            return null;
        }

        return char.IsUpper(text[0]) && !text.StartsWith("I ", StringComparison.Ordinal) && !text.StartsWith("I'", StringComparison.Ordinal)
            ? char.ToLowerInvariant(text[0]) + text[1..]
            : text;
    }


    /// <summary>
    /// A quotation the clause opens but no longer closes (its end was trimmed with the sentence's full stop:
    /// "that I 'can't boil an egg") loses its opening mark. Marks are paired left to right; a closing mark with
    /// nothing open is an apostrophe ("the kids' teacher"), and so is an opening one before a short form ('em, 'cause).
    /// </summary>
    internal static string BalanceQuotes(string text)
    {
        var open = new List<int>();
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c is not ('\'' or '"' or '\u2018' or '\u2019' or '\u201C' or '\u201D'))
            {
                continue;
            }

            bool before = i > 0 && (char.IsLetterOrDigit(text[i - 1]) || text[i - 1] is '.' or '!' or '?' or ',');
            bool after = i + 1 < text.Length && char.IsLetterOrDigit(text[i + 1]);
            if (!before && after && c is not ('\u2019' or '\u201D') && !ShortForm().IsMatch(text.AsSpan(i + 1)))
            {
                open.Add(i);
            }
            else if (before && !after && c is not ('\u2018' or '\u201C'))
            {
                int partner = open.FindLastIndex(at => Pairs(text[at], c));
                if (partner >= 0)
                {
                    open.RemoveAt(partner);
                }
            }
        }

        // Removed from the end, the earlier indexes stay right.
        for (int k = open.Count - 1; k >= 0; k--)
        {
            text = text.Remove(open[k], 1);
        }

        return text;
    }

    private static bool Pairs(char open, char close) => (open, close) switch
    {
        ('\'', '\'') or ('"', '"') or ('\u2018', '\u2019') or ('\u201C', '\u201D') => true,
        _ => false,
    };

    /// <summary>
    /// The word that followed "never" (after a subject, or after "and"), negated the plain way in its own tense: "asked" →
    /// "didn't ask", "been" → "haven't been" ("hasn't" for he or she), "says" → "<paramref name="thirdPerson"/> say",
    /// "wash" → "<paramref name="present"/> wash"; a word that is no verb stays after the auxiliary, as before.
    /// </summary>
    /// <param name="verb">The word after "never".</param>
    /// <param name="present">The subject's negative auxiliary: "doesn't" for he, she or it, else "don't".</param>
    /// <param name="thirdPerson">
    /// The auxiliary before a verb in -s: the subject's own when the clause names it ("you never listens" → "you don't
    /// listen"); after "and", where the subject is a guess from the clause's first word, "doesn't", as the writer's
    /// own verb says ("my sister's husband … and never says a word" → "doesn't say").
    /// </param>
    private static string Negated(string verb, string present, string thirdPerson) =>
        Verbs.IsPast(verb) ? $"didn't {Verbs.Base(verb)}"
        : verb.ToLowerInvariant() is "been" or "done" or "gone" or "seen" ? $"{(present == "doesn't" ? "hasn't" : "haven't")} {verb}"
        : Verbs.BaseOfThirdPerson(verb) is { } plain ? $"{thirdPerson} {plain}"
        : $"{present} {verb}";

    private static string Negative(string subject) => subject.Equals("he", StringComparison.OrdinalIgnoreCase) || subject.Equals("she", StringComparison.OrdinalIgnoreCase) || subject.Equals("it", StringComparison.OrdinalIgnoreCase) ? "doesn't" : "don't";

    private static string PastOf(string phrase)
    {
        int space = phrase.IndexOf(' ', StringComparison.Ordinal);
        string verb = space < 0 ? phrase : phrase[..space];
        return Verbs.Past(verb) + (space < 0 ? "" : phrase[space..]);
    }

    /// <summary>
    /// The partner as the subject of a sentence that has none ("Forgot the bins again" → "you forgot the bins"); null for
    /// the sender's own lateness at work ("late for my shift", "late to work now"; not "late for my birthday dinner"), which a
    /// subjectless note usually reports
    /// (blind raters, panel 20: "When they're late for your shift" blamed the partner for the sender's being late).
    /// </summary>
    private static string? StartWithYou(string clause)
    {
        string lowered = char.ToLowerInvariant(clause[0]) + clause[1..];
        return !lowered.StartsWith("late", StringComparison.Ordinal) ? "you " + lowered
            : SendersLateness().IsMatch(lowered) ? null
            : "you're " + lowered;
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
            foreach (var leading in LeadingDiscourse.EnumerateMatches(text.AsSpan(start, end - start)))
            {
                start += leading.Index + leading.Length;
                break;
            }

            // Right to left and anchored at $: the engine tries the end of the window only, never every position.
            foreach (var trailing in TrailingDiscourse.EnumerateMatches(text.AsSpan(start, end - start)))
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

    // The words of each step, from the lexicon (Text/lexicon.json); its "about" says what each one catches.
    private static readonly Regex LeadingDiscourse = Lexicon.Shipped.Pattern("extractor.leading-discourse");
    // Right to left, so "yet again" and "once again" come before "again": the first alternative that ends the text wins.
    private static readonly Regex TrailingDiscourse = Lexicon.Shipped.Pattern("extractor.trailing-discourse");
    private static readonly Regex ClauseStart = Lexicon.Shipped.Pattern("extractor.clause-start");
    private static readonly Regex PartnerClause = Lexicon.Shipped.Pattern("extractor.partner-clause", "c", "b");
    private static readonly Regex AuxiliaryEnd = Lexicon.Shipped.Pattern("extractor.auxiliary-end");
    private static readonly HashSet<string> AuxiliaryOpeners = new(Lexicon.Shipped.Words("extractor.auxiliary-opener"), StringComparer.Ordinal);

    /// <summary>Whether what comes before the partner's clause is an auxiliary that opens a question ("Did you shut …"), not a name ("Will, you forgot …").</summary>
    private static bool AuxiliaryOpener(string lead) =>
        !lead.TrimEnd().EndsWith(',') && AuxiliaryOpeners.Contains(lead.Trim().ToLowerInvariant());

    private static readonly HashSet<string> NotAName = new(Lexicon.Shipped.Words("extractor.not-a-name"), StringComparer.Ordinal);
    private static readonly HashSet<string> ClauseJoiners = new(Lexicon.Shipped.Words("extractor.clause-joiners"), StringComparer.Ordinal);
    private static readonly HashSet<string> BeforeACalledName = new(Lexicon.Shipped.Words("extractor.before-a-called-name"), StringComparer.Ordinal);
    private static readonly Regex NeverPast = Lexicon.Shipped.Pattern("extractor.never-past", "s", "v");
    private static readonly Regex Never = Lexicon.Shipped.Pattern("extractor.never", "s", "v");
    private static readonly Regex NeverAfterAnd = Lexicon.Shipped.Pattern("extractor.never-after-and", "c", "v");
    private static readonly Regex NegatedNever = Lexicon.Shipped.Pattern("extractor.negated-ever", "1");
    private static readonly Regex Absolutes = Lexicon.Shipped.Pattern("extractor.absolutes");
    private static readonly Regex Intensifiers = Lexicon.Shipped.Pattern("extractor.intensifiers", "after");
    private static readonly Regex TheOneWho = Lexicon.Shipped.Pattern("extractor.the-one-who", "who");
    private static readonly Regex IntensifierSo = Lexicon.Shipped.Pattern("extractor.intensifier-so", "after");
    private static readonly Regex Judgement = Lexicon.Shipped.Pattern("extractor.judgement");
    private static readonly Regex TooJudgement = Lexicon.Shipped.Pattern("extractor.too-judgement");
    private static readonly Regex LaughingTail = Lexicon.Shipped.Pattern("extractor.laughing-tail");
    // "I feel … when you hand her to me when she cries" reads better to people than "while", blind raters found.
    private static readonly Regex EveryTimeBeforeAClause = Lexicon.Shipped.Pattern("extractor.every-time-before-a-clause", "next");
    private static readonly Regex EveryTimeFronted = Lexicon.Shipped.Pattern("extractor.every-time-fronted", "main", "when");
    private static readonly Regex BareSaying = Lexicon.Shipped.Pattern("extractor.bare-saying");
    private static readonly Regex MockPraise = Lexicon.Shipped.Pattern("extractor.mock-praise");
    private static readonly Regex Failure = Lexicon.Shipped.Pattern("extractor.failure");
    private static readonly Regex Boundary = Lexicon.Shipped.Pattern("extractor.boundary");
    private static readonly Regex SenderStart = Lexicon.Shipped.Pattern("extractor.sender-start");
    private static readonly Regex YouWord = Lexicon.Shipped.Pattern("rewriter.you-word");
    private static readonly Regex VagueStart = Lexicon.Shipped.Pattern("extractor.vague-start");
    private static readonly Regex Agreement = Lexicon.Shipped.Pattern("extractor.agreement");
    private static readonly Regex Hypothetical = Lexicon.Shipped.Pattern("extractor.hypothetical");
    private static readonly Regex PartnerWish = Lexicon.Shipped.Pattern("extractor.partner-wish");
    private static readonly Regex Retort = Lexicon.Shipped.Pattern("extractor.retort");
    private static readonly Regex Ability = Lexicon.Shipped.Pattern("extractor.ability");
    private static readonly Regex QuotedExcuse = Lexicon.Shipped.Pattern("extractor.quoted-excuse");
    private static readonly Regex SenderSaid = Lexicon.Shipped.Pattern("extractor.sender-said");
    private static readonly HashSet<string> EmphaticDidVerbs = new(Lexicon.Shipped.Words("extractor.emphatic-did-verbs"), StringComparer.OrdinalIgnoreCase);
    private static readonly HashSet<string> ClauseCutWords = new(Lexicon.Shipped.Words("extractor.clause-cut-words"), StringComparer.Ordinal);

    [GeneratedRegex(@"^(?:the|that|this)\s+(?:one|thing|stuff|bit|part)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NounPhrase();

    [GeneratedRegex(@"^(?:it's|its|it is|that's|thats|that is)\s+(?:fine|ok|okay|great|good|lovely|nice|brilliant|wonderful|amazing)\s+(?:that|how)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Acceptance();

    [GeneratedRegex(@"^you\s+(?:can't|cannot|can not|shouldn't|should not)\s+(?:expect|ask|demand)\s+(?!me\b|us\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Maxim();

    [GeneratedRegex(@"(?<!\w)[""'‘“]([\w ]{0,30}\b(?:me|I|my|mine|myself)\b[\w ]{0,30})[""'’”](?!\w)")]
    private static partial Regex QuotedFirstPerson();

    [GeneratedRegex(@"^(?:you|we|u)\s+(?:always\s+)?used to\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UsedTo();

    [GeneratedRegex(@"(?<!\d),|,(?!\d)|;|—")]
    private static partial Regex ClauseMark();

    [GeneratedRegex(@"\bI\b")]
    private static partial Regex SenderWord();

    // Lower-case articles only: "plan A and …" and "the For Sale sign" are English.
    [GeneratedRegex(@"\b(?:a|an|the)\s+(?:and|or|but|to|for|with|at|in|on|of|if|when|from|as|by|about|until|since|because|(?:after|before)(?!\s+(?:party|parties|school|hours|times|care|work)\b))\b(?![-'’])|\b(?:a|an|the)$", RegexOptions.CultureInvariant)]
    private static partial Regex DanglingArticle();

    [GeneratedRegex(@"\b(?<who>you)\s+(?:can't|cannot|can not)\s+(?:just\s+)?keep\s+(?=\w+ing\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CantKeep();

    [GeneratedRegex(@"\bthat(?:\s+(?:this|next|last)\s+\w+)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OpenThatEnd();

    // Only before a verb-like word: not "You: so, …", "You - you never …" or "You: 5 hours on Fortnite".
    [GeneratedRegex(@"^(?<who>you)\s*[-:–—]\s*(?=[a-z]+\b)(?!(?:so|you|well|and|but|like|just|the|a|an|no|yes|ok)\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TallyMark();

    // A tally mark the line kept (no verb after it: "You: 5 hours on Fortnite") leaves no clause.
    [GeneratedRegex(@"^you\s*[-:–—]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TallyMarkLeft();

    // Not "to" alone: "… before we agreed to" ends where English may.
    [GeneratedRegex(@"\b(?:just|going to|gonna|about to)\s*(?:(?:\.\.\.|…)\s*(?:what\b.*)?)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DanglingEnd();

    // Someone else reports what the partner told others: "the kids said you told them …", "Ammi says you told her …".
    [GeneratedRegex(@"^(?:(?i:the|my|your|his|her|their|our)\s+\w+|(?!(?:You|I|We)\b)[A-Z][a-z]+)\s+(?i:said|says|reckons)\b.*\b(?i:told|said)\s+(?i:them|him|her|everyone|people|us)\b", RegexOptions.CultureInvariant)]
    private static partial Regex ReportedTwice();

    [GeneratedRegex(@"\b(?:don't|doesn't|didn't|do not|does not|did not)\s+(?:do\s+)?(?:not|never|don't)\b|\b(?:can't|cannot|won't|couldn't|shouldn't|wouldn't)\s+(?:just\s+)?not\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DoubleNegative();

    [GeneratedRegex(@"^late\s+(?:for|to)\s+(?:my\s+(?:shift|job|work|class|lecture|meeting)|work|the\s+[\w' -]*?(?:site|shift|job|office|meeting))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SendersLateness();

    // A comma that goes on with a list: one or more items of one to three words that do not start a clause or praise,
    // each after a comma, perhaps a last comma, then "and" or "or" and an item ("sugar, soap and 200,000", "sugar, soap,
    // rice and oil"; not ", you left and I cleaned up", ", go and check on them", ", 63 days in, and then asked",
    // ", gold star and a medal", or a list of whole sentences: "the cow has mastitis, the vet wants 4,500, …").
    [GeneratedRegex(@"\G(?:,\s*(?!(?:you|u|we|I|he|she|they|it|go|come|get|take|make|do|just|please|stop|let|try|like|as|so|now|gold|well|bravo|congrats|congratulations|medal)\b)(?:(?!(?:and|or|but|then)\b)[\w'’£$€.-]+\s+){0,2}(?!(?:and|or|but|then)\b)[\w'’£$€.-]+)+,?\s+(?:and|or|&)\s+(?!(?:then|now|so|you|u|we|I|he|she|they|it)\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ListGoesOn();

    [GeneratedRegex(@"^\w+ing\b")]
    private static partial Regex Gerund();

    [GeneratedRegex(@"(?<!\w)[""']([\w ]{2,30})[""'](?!\w)")]
    private static partial Regex ScareQuotes();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\b(?<s>you|he|she|they|we|I)\s+did\s+(?!not\b|n't\b)(?<v>[a-z]+)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EmphaticDid();

    [GeneratedRegex(@"(?<have>\b(?:'ve|have|has|'s))\s+now\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HaveNow();

    // The whole clause is who and an auxiliary, perhaps negated, perhaps with "do": "you don't do", "you won't", "he never
    // does"; or that much before a comma ("you don't, because you were on the phone", "you hadn't, and I'm not …").
    [GeneratedRegex(@"^(?:you|he|she|they|we|I|it)(?:\s+\w+)?\s+(?:do|does|did|don't|doesn't|didn't|won't|can't|will|would|could|should|wouldn't|couldn't|shouldn't|is|are|was|were|isn't|aren't|wasn't|weren't|have|has|had|haven't|hasn't|hadn't)(?:\s+do)?(?:$|\s*,)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BareAuxiliaryEnd();

    // "you saying …", not "you bring …" / "you ping me" / "you wing it": the part before -ing has a vowel.
    [GeneratedRegex(@"^(?:you|he|she|they)\s+[a-z']*[aeiouy][a-z']*?ing\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex GerundAfterSubject();

    [GeneratedRegex(@"^(?:em|cause|cos|til|n|round|bout)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ShortForm();
}
