using System.Text.RegularExpressions;
using CoachService.Core.Text;

namespace CoachService.Core.Rewriting;

/// <summary>
/// The request a rewrite ends with. By default it asks to talk about it (<see cref="TalkAboutIt"/>). A practical
/// request the sender made themselves is asked in their words (<see cref="FromSendersAsk"/>: "Please pay him today" →
/// "could you pay him today"), and so is a present habit of not doing something (<see cref="ForHabit"/>: "you don't
/// help with the dishes" → "could you help with the dishes"). Every other ask once made from a clause ("could you remember our anniversary", "could you do
/// that next time", "could you stop checking Sana") was rated poorly by blind raters (panels 19 to 26: 2 of 53 passed
/// all four questions, against 38% of the rewrites that asked to talk about it), and never for something the sender
/// did not raise (a stock "could we keep our phones away during dinner" once answered a forgotten school pick-up).
/// </summary>
public static class SituationRequest
{
    /// <summary>The plain ask when the situation holds no habit to ask for.</summary>
    public const string TalkAboutIt = "could we talk about it";

    /// <summary>The longest habit ask, in words: a longer one reads as the complaint said again.</summary>
    private const int MaxAskWords = 8;

    /// <summary>Whether the situation is a promise or a plan the sender says was not kept ("you said you'd …").</summary>
    public static bool IsPromise(string situation) => Promise.IsMatch(situation);

    /// <summary>
    /// A promise the partner made, as what the sender was counting on: "you said you'd ring the landlord about the
    /// mould" → "I was counting on you to ring the landlord about the mould". Told as it was, the feeling hangs on the
    /// promise ("I felt frustrated because you said you'd …": blind raters on panel 34, read since, found the
    /// frustration pinned on the promise itself), and so the extractor used to give no clause at all: of panel 34's
    /// 57 drafts with such a promise, 45 got no rewrite. "You were going to book it in" is the same promise. Only the
    /// partner's own promise to do something, in the plain form ("you'd", "you will", "promised to"): not a plan for
    /// both ("you said we'd …"), a promise not to ("you said you'd never …"), a report of what they had done ("you
    /// told me you'd paid it"), the sender volunteered ("you said I'd run the raffle") or a demand in disguise; null
    /// for any other clause.
    /// </summary>
    public static string? CountedOn(string clause)
    {
        ArgumentNullException.ThrowIfNull(clause);
        string trimmed = clause.Trim().TrimEnd('.', '!', '?', ',', '\'', '"', '\u2019', '\u201D');
        var match = Promise.Match(trimmed) is { Success: true } promised ? promised : GoingTo.Match(trimmed);
        // "I'll" or "I'd" is the partner's own word only inside quotes ("you said 'I'll grab it'"); bare, it is the
        // sender ("you said I'd run the raffle": they volunteered the sender, the opposite of a promise of theirs).
        if (!match.Success || match.Groups["we"].Success || UnquotedSender.IsMatch(trimmed))
        {
            return null;
        }

        // Words the partner was quoted as saying end at the closing quote ("you said 'I'll handle the plumber' on Monday").
        string action = match.Groups["x"].Value.Trim().TrimStart('\'', '"', '\u2018', '\u201C');
        int quote = action.IndexOfAny(['\'', '"', '\u2019', '\u201D'], 1);
        if (quote > 0 && (quote == action.Length - 1 || action[quote + 1] == ' '))
        {
            action = action[..quote];
        }

        var words = action.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // A promise can be a demand in disguise ("you promised you'd give me your password", "… you'd stop seeing
        // her", "… you'd move out"): what request.ask-refused turns down as an ask is not counted on either.
        if (words.Length < 2 || AskRefused.IsMatch(action) || ControlAction.IsMatch(action))
        {
            return null;
        }

        // The action starts with a plain verb: not a name or place ("you were going to Mum's"), nor a word that opens a
        // noun phrase ("you were going to the gym": a destination, not something promised).
        string verb = words[0];
        bool plain = verb.All(char.IsLower) && !NotAnAction.Contains(verb) && (!verb.EndsWith("ing", StringComparison.Ordinal) || VerbsInIng.Contains(verb))
            && (!Verbs.IsParticiple(verb) || (Verbs.IsPast(verb) && Verbs.Base(verb).Equals(verb, StringComparison.OrdinalIgnoreCase)));
        return plain ? CountingOn + action : null;
    }

    /// <summary>
    /// Whether the service may put a request the sender made with "please" to the partner in their words (the action,
    /// after the "please"): nothing <c>request.ask-refused</c> turns down (an ultimatum's "or", leaving, their phone or
    /// password), no plan of the sender's inside it (<c>request.sender-inside</c>: "understand that I'm leaving"), and no
    /// part, read from its verb (<c>request.ask-parts</c>, <c>request.ask-lead</c>: "delete it and block her", "can you
    /// block her"), that orders them to stop or never do something (<c>request.stop-order</c>) or does what
    /// <c>request.control-action</c> names (cutting someone off, their messages or location). Taking down a post or a
    /// photo and nothing more (<c>request.take-down</c>: "delete it now") may be asked.
    /// </summary>
    /// <param name="action">What is asked, without the "please" before it.</param>
    public static bool MayAsk(string action)
    {
        ArgumentNullException.ThrowIfNull(action);
        // "go and get it tonight" asks for the errand; "pack your bags and go" sends them away.
        string asked = AskLead.Replace(action.Trim(), "");
        if (AskRefused.IsMatch(asked) || SenderInside.IsMatch(asked))
        {
            return false;
        }

        return AskParts.Split(asked)
            .Select(part => AskLead.Replace(part, "").Trim())
            .Where(part => part.Length > 0)
            .All(part => !StopOrder.IsMatch(part) && (!ControlAction.IsMatch(part) || TakeDown.IsMatch(part)));
    }

    /// <summary>Whether the clause is a promise told as what the sender was counting on (<see cref="CountedOn"/>).</summary>
    public static bool IsCountedOn(string clause) => clause.StartsWith(CountingOn, StringComparison.Ordinal);

    /// <summary>
    /// Whether a counted-on clause says plainly what was promised, so it may stand without the clause check: the check
    /// was trained on rated "when" clauses and has never seen this form (it scored panel 34's counted-on clauses 0.04
    /// to 0.77, most under its threshold, whether they read well or not). The action has three to fourteen words, no
    /// second sentence run on inside it, and does not end on a word whose meaning is in another sentence ("do it",
    /// "sort that").
    /// </summary>
    public static bool PlainlyCountedOn(string clause)
    {
        ArgumentNullException.ThrowIfNull(clause);
        if (!IsCountedOn(clause))
        {
            return false;
        }

        string action = clause[CountingOn.Length..];
        var words = action.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length is >= 3 and <= 14 && !SituationExtractor.RunOn(action, partner: true)
            && !PointsElsewhere.Contains(words[^1].Trim(',', '.', '!', '?'));
    }

    private const string CountingOn = "I was counting on you to ";

    /// <summary>Plain verbs that end in "-ing" and are not an -ing form ("ring the landlord", "bring the chairs").</summary>
    private static readonly HashSet<string> VerbsInIng = new(Lexicon.Shipped.Words("request.verbs-in-ing"), StringComparer.OrdinalIgnoreCase);

    /// <summary>Last words whose meaning is in another sentence ("do it", "sort that").</summary>
    private static readonly HashSet<string> PointsElsewhere = new(Lexicon.Shipped.Words("request.points-elsewhere"), StringComparer.OrdinalIgnoreCase);

    /// <summary>A first word after "you'd" or "you will" that is no action to count on.</summary>
    private static readonly HashSet<string> NotAnAction = new(Lexicon.Shipped.Words("request.not-an-action"), StringComparer.OrdinalIgnoreCase);

    /// <summary>Cutting someone off, giving up access or leaving, promised or demanded: never what the sender "counted on".</summary>
    private static readonly Regex ControlAction = Lexicon.Shipped.Pattern("request.control-action");

    /// <summary>
    /// The ask for a habit of not doing something, told in the present ("you don't text back while you're at the pub"
    /// → "could you text back"); null for any other situation, for what is not a behaviour ("you don't care", "you
    /// don't get to snap at me"), and for an ask that would repeat a long clause word for word or run long.
    /// </summary>
    /// <param name="situation">The sender's situation, as in the rewrite's "when" clause.</param>
    public static string? ForHabit(string situation)
    {
        ArgumentNullException.ThrowIfNull(situation);
        string text = situation.Trim().TrimEnd('.', '!', '?', ',');
        if (NotDone.Match(text) is not { Success: true } notDone)
        {
            return null;
        }

        string verb = notDone.Groups["v"].Value;
        string rest = DropTime(notDone.Groups["rest"].Value);
        // "you don't get to snap at me", "you don't want to see me": not a behaviour to ask for.
        if (NotAnAsk.IsMatch(verb) || (verb.Equals("get", StringComparison.OrdinalIgnoreCase) && rest.StartsWith("to ", StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        string action = Clip(rest.Length == 0 ? verb : verb + " " + rest);
        // A request needs a verb and something it is about: "could you do" is not one.
        if (action.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length < 2 && !OneWordAsk.IsMatch(action))
        {
            return null;
        }

        string ask = "could you " + action;
        bool repeats = action.Split(' ').Length > RepeatWords && text.Contains(action, StringComparison.OrdinalIgnoreCase);
        // The asks raters turned down: to remember, to stop, to "do that" again.
        bool turnedDown = ask.Contains(" stop ", StringComparison.Ordinal) || ask.Contains("remember", StringComparison.Ordinal) || ask.Contains(" do that", StringComparison.Ordinal);
        return repeats || turnedDown || ask.Split(' ').Length > MaxAskWords ? null : ask;
    }

    /// <summary>The longest ask taken from the sender's own request, in words.</summary>
    private const int MaxSendersAskWords = 12;

    /// <summary>
    /// The ask for a practical thing the sender asked the partner to do, in their words ("Call him today please" →
    /// "could you call him today", "can u pls just latch it when u take the recycling out" → "could you latch it when
    /// you take the recycling out", "Ring Malcolm and ask him to take it down" → "could you ring Malcolm and ask him to
    /// take it down"); null for anything else. On blind panel 31 (read since), readers turned down rewrites that
    /// dropped such a request for "could we talk about it", or kept it as an order beside it. Only everyday verbs count
    /// (<c>request.senders-ask</c>): "stop …" and "don't …" are never an ask. Nor is a request with a consequence or an
    /// ultimatum ("Put the money back or I'm leaving"), one that sends the partner away ("Move your things out by
    /// Friday") or one that checks up on them ("Tell me where you were") (<c>request.ask-refused</c>): asked politely,
    /// it would soften an ultimatum, a goodbye or control, which the service never does.
    /// </summary>
    /// <param name="sentence">One sentence of the message, as the sender wrote it.</param>
    public static string? FromSendersAsk(string sentence)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        string normal = TextingNormalizer.Normalize(sentence.Trim());
        if (AskRefused.IsMatch(normal) || SendersAsk.Match(normal) is not { Success: true } ask)
        {
            return null;
        }

        string action = AskCut.Replace(ask.Groups["action"].Value, "").Trim().TrimEnd(',', ';', ':', '.');
        var words = action.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // A comma left after the cut joins fragments, not one request: "Phone battery dead, no money for tuk, finally
        // took the bus" opens with a noun that is also a verb, and was asked as "Could you phone battery dead, …?".
        // So does a past form right after the verb: "Phone switched off." is a phone, not an ask to phone.
        // (Lower case only: "Call Ahmed today" and "Text Fred back" name someone.)
        if (words.Length == 0 || action.Contains(',', StringComparison.Ordinal) || (words.Length > 1 && words[1].All(char.IsLower) && Verbs.IsPast(words[1])))
        {
            return null;
        }

        // The verb in lower case, shouted or not ("FIX THIS" → "fix this").
        words[0] = words[0].ToLowerInvariant();
        action = TextingNormalizer.QuietWords(string.Join(' ', words), allShouted: action.Where(char.IsLetter).All(char.IsUpper));
        // "Just tell me", "Call me": too little to ask for on its own ("Please ring her" is enough).
        bool whole = words.Length >= 3 || (words.Length == 2 && !words[1].Equals("me", StringComparison.OrdinalIgnoreCase));
        // Something "we" do ("can we please talk before we say yes to stuff") is asked of both; anything else of the partner.
        string who = ask.Groups["we"].Success ? "could we " : "could you ";
        return whole && words.Length <= MaxSendersAskWords ? who + action : null;
    }

    /// <summary>
    /// The ask for a question the sender needs answered now, put as an accusation: "Where are you??" → "could you let me
    /// know where you are", "Are you actually coming or what" → "could you let me know if you're coming", "What happened
    /// Ciarán" → "could you tell me what happened", "When are you getting home?" → "could you let me know when you'll be
    /// home". On blind panel 57 (read since), raters turned down rewrites that dropped such a question for "could we talk
    /// about it" while Nan sat waiting in the foyer ("the sender needs the partner to go, not a talk later"), or kept it
    /// as written beside that ask. Only these present, plain forms (<c>request.live-question</c>): a question about
    /// where they were, or who with, checks up on them and is never asked for. Null for any other sentence.
    /// </summary>
    /// <param name="sentence">One sentence of the message, as the sender wrote it.</param>
    public static string? FromSendersQuestion(string sentence)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        var asked = LiveQuestion.Match(TextingNormalizer.Normalize(sentence.Trim()));
        if (!asked.Success)
        {
            return null;
        }

        return asked.Groups["where"].Success ? "could you let me know where you are"
            : asked.Groups["coming"].Success ? "could you let me know if you're coming" + (asked.Groups["place"].Success ? " " + asked.Groups["place"].Value.Trim().ToLowerInvariant() : "")
            : asked.Groups["happened"].Success ? "could you tell me what happened"
            : "could you let me know when you'll be " + asked.Groups["back"].Value.ToLowerInvariant();
    }

    /// <summary>
    /// Whether a message checks up on the partner anywhere (<c>request.checking-up</c>: who they are with, where they
    /// were, their location or phone, what someone says they did). Then no live question of it becomes the ask
    /// (<see cref="FromSendersQuestion"/>): "Could you let me know where you are?" after "Dave says you left at 3. Who
    /// are you with?" would word checking up politely.
    /// </summary>
    /// <param name="message">The whole message, as the sender wrote it.</param>
    public static bool ChecksUp(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return CheckingUp.IsMatch(TextingNormalizer.Normalize(message));
    }

    /// <summary>Longer than this, an ask that repeats the situation is left out.</summary>
    private const int RepeatWords = 4;

    /// <summary>
    /// One action: cut at the first clause of its own ("… while you're at the pub", "… because your boss …") so the
    /// ask does not repeat the whole situation. A long action is turned down by <see cref="ForHabit"/>, not cut short.
    /// </summary>
    private static string Clip(string action)
    {
        string text = action.Trim();
        var cut = Subordinate.Match(text);
        if (cut.Success && cut.Index > 0)
        {
            text = text[..cut.Index];
        }

        return string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries)).TrimEnd(',', ';', ':');
    }

    /// <summary>When it should have happened is the complaint's, not the request's: "a week ago", "last night", "on Tuesday".</summary>
    private static string DropTime(string action) => TimePhrase.Replace(action, "").Trim();

    private static readonly Regex SendersAsk = Lexicon.Shipped.Pattern("request.senders-ask", "action", "we");

    private static readonly Regex LiveQuestion = Lexicon.Shipped.Pattern("request.live-question", "where", "coming", "place", "happened", "back");

    private static readonly Regex CheckingUp = Lexicon.Shipped.Pattern("request.checking-up");

    private static readonly Regex AskCut = Lexicon.Shipped.Pattern("request.ask-cut");

    private static readonly Regex AskRefused = Lexicon.Shipped.Pattern("request.ask-refused");

    private static readonly Regex TakeDown = Lexicon.Shipped.Pattern("request.take-down");

    private static readonly Regex AskLead = Lexicon.Shipped.Pattern("request.ask-lead");

    private static readonly Regex AskParts = Lexicon.Shipped.Pattern("request.ask-parts");

    private static readonly Regex StopOrder = Lexicon.Shipped.Pattern("request.stop-order");

    private static readonly Regex SenderInside = Lexicon.Shipped.Pattern("request.sender-inside");

    // "to" only after a promise: "you told me to sort the bills myself" is an instruction, not a promise.
    private static readonly Regex Promise = Lexicon.Shipped.Pattern("request.promise", "we", "x");

    /// <summary>A promise clause whose "I'll" or "I'd" has no quote mark before it: the sender, not the partner.</summary>
    private static readonly Regex UnquotedSender = Lexicon.Shipped.Pattern("request.unquoted-sender");

    /// <summary>What the partner was going to do and did not ("you were going to book it into Kerins weeks ago").</summary>
    private static readonly Regex GoingTo = Lexicon.Shipped.Pattern("request.going-to", "we", "x");

    /// <summary>A habit of not doing something, told in the present ("you don't help with the dishes"), and what it asks for.</summary>
    private static readonly Regex NotDone = Lexicon.Shipped.Pattern("request.not-done", "v", "rest");

    private static readonly Regex Subordinate = Lexicon.Shipped.Pattern("request.subordinate");

    private static readonly Regex TimePhrase = Lexicon.Shipped.Pattern("request.time-phrase");

    /// <summary>Verbs of wanting, thinking or being: "could you want to see me" asks for nothing anyone can do.</summary>
    private static readonly Regex NotAnAsk = Lexicon.Shipped.Pattern("request.not-an-ask");

    /// <summary>The few asks that are whole in one word ("could you call", "could you help").</summary>
    private static readonly Regex OneWordAsk = Lexicon.Shipped.Pattern("request.one-word-ask");
}
