using System.Text.RegularExpressions;
using CoachService.Core.Text;

namespace CoachService.Core.Rewriting;

/// <summary>
/// The request a rewrite ends with, made from the sender's own situation instead of a stock one: what they say did
/// not happen is what they ask for. "you don't help with the dishes" → "could you help with the dishes";
/// "you haven't once asked how I'm coping" → "could you ask how I'm coping"; "you're telling your mum about our
/// money" → "could you stop telling your mum about our money". Returns null when the situation names no behaviour to ask
/// for ("we missed the flight"): the rewrite then asks to talk about it, never for something the sender did not
/// raise (a stock "could we keep our phones away during dinner" answered a forgotten school pick-up).
/// </summary>
public static class SituationRequest
{
    /// <summary>The plain ask when the situation holds no behaviour to ask for.</summary>
    public const string TalkAboutIt = "could we talk about it";

    private const int MaxWords = 14;

    /// <summary>Whether the situation is a promise or a plan the sender says was not kept ("you said you'd …").</summary>
    public static bool IsPromise(string situation) => Promise.IsMatch(situation);

    /// <summary>
    /// The ask made from the situation. An ask that would repeat a long clause word for word ("I felt hurt when you
    /// didn't ask how Mum's appointment went. Could you ask how Mum's appointment went?") refers back to it instead:
    /// "could you do that next time" for one past event, "could you stop doing that" for an ongoing one.
    /// </summary>
    /// <param name="situation">The sender's situation, as in the rewrite's "when" clause.</param>
    /// <param name="past">Whether the situation is one event in the past.</param>
    public static string? From(string situation, bool past = false)
    {
        string? ask = Make(situation);
        if (ask is null)
        {
            return null;
        }

        string action = ask[(ask.IndexOf(' ', 6) + 1)..];
        bool repeats = action.Split(' ').Length > RepeatWords && situation.Contains(action.Replace("remember to ", "", StringComparison.Ordinal).Replace("stop ", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
        if (!repeats)
        {
            return ask;
        }

        return ask.StartsWith("could we", StringComparison.Ordinal) ? TalkAboutIt
            : action.StartsWith("stop ", StringComparison.Ordinal) ? "could you stop doing that"
            : action.StartsWith("remember", StringComparison.Ordinal) ? (past ? "could you remember next time" : "could you try to remember from now on")
            : past ? "could you do that next time"
            : "could you do that from now on";
    }

    /// <summary>Longer than this, an ask that repeats the situation refers back to it.</summary>
    private const int RepeatWords = 4;

    private static string? Make(string situation)
    {
        ArgumentNullException.ThrowIfNull(situation);
        string text = situation.Trim().TrimEnd('.', '!', '?', ',');
        // A promise is not asked for again (and the rewriter does not use it as a situation).
        if (Promise.IsMatch(text))
        {
            return null;
        }

        if (AskedBefore.Match(text) is { Success: true } asked)
        {
            return Ask("you", (asked.Groups["not"].Success ? "not " : "") + Clip(asked.Groups["x"].Value));
        }

        if (Forgot.Match(text) is { Success: true } forgot)
        {
            string rest = Clip(DropTime(forgot.Groups["x"].Value));
            return rest.Length == 0 ? null : Ask("you", (forgot.Groups["to"].Success ? "remember to " : "remember ") + rest);
        }

        if (NotDone.Match(text) is { Success: true } notDone)
        {
            string verb = notDone.Groups["v"].Value;
            // After don't/didn't/won't the verb is already plain ("feed", "need"); only a participle is turned back.
            string plain = notDone.Groups["perfect"].Success ? Verbs.BaseOfParticiple(verb) : verb;
            string rest = DropTime(notDone.Groups["rest"].Value);
            // "you don't get to snap at me", "you don't want to see me": not a behaviour to ask for.
            return NotAnAsk.IsMatch(plain) || (plain.Equals("get", StringComparison.OrdinalIgnoreCase) && rest.StartsWith("to ", StringComparison.OrdinalIgnoreCase))
                ? null
                : Ask("you", Clip(rest.Length == 0 ? plain : plain + " " + rest));
        }

        if (OnScreen.Match(text) is { Success: true } screen)
        {
            return Ask("you", $"put your {screen.Groups["o"].Value} down");
        }

        if (Ongoing.Match(text) is { Success: true } ongoing)
        {
            return Ask("you", Clip("stop " + ongoing.Groups["g"].Value + ongoing.Groups["rest"].Value));
        }

        return null;
    }

    private static string? Ask(string who, string action)
    {
        action = action.Trim();
        // A request needs a verb and something it is about: "could you do" is not one.
        return action.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length < 2 && !OneWordAsk.IsMatch(action)
            ? null
            : $"could {who} {action}";
    }

    /// <summary>
    /// One action: cut at the first clause of its own ("… while you're at the pub", "… because your boss …") so the
    /// ask does not repeat the whole situation, and at the length cap.
    /// </summary>
    private static string Clip(string action)
    {
        string text = action.Trim();
        var cut = Subordinate.Match(text);
        if (cut.Success && cut.Index > 0)
        {
            text = text[..cut.Index];
        }

        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return string.Join(' ', words.Length > MaxWords ? words[..MaxWords] : words).TrimEnd(',', ';', ':');
    }

    /// <summary>When it should have happened is the complaint's, not the request's: "a week ago", "last night", "on Tuesday".</summary>
    private static string DropTime(string action) => TimePhrase.Replace(action, "").Trim();

    // "to" only after a promise: "you told me to sort the bills myself" is an instruction, not a promise.
    private static readonly Regex Promise = Lexicon.Shipped.Pattern("request.promise");

    private static readonly Regex AskedBefore = Lexicon.Shipped.Pattern("request.asked-before", "not", "x");

    private static readonly Regex Forgot = Lexicon.Shipped.Pattern("request.forgot", "x", "to");

    private static readonly Regex NotDone = Lexicon.Shipped.Pattern("request.not-done", "v", "perfect", "rest");

    private static readonly Regex OnScreen = Lexicon.Shipped.Pattern("request.on-screen", "o");

    /// <summary>Something they keep doing ("you're telling your mum about our money"); not a plan ("you're going hunting this weekend").</summary>
    private static readonly Regex Ongoing = Lexicon.Shipped.Pattern("request.ongoing", "g", "rest");

    private static readonly Regex Subordinate = Lexicon.Shipped.Pattern("request.subordinate");

    private static readonly Regex TimePhrase = Lexicon.Shipped.Pattern("request.time-phrase");

    /// <summary>Verbs of wanting, thinking or being: "could you want to see me" asks for nothing anyone can do.</summary>
    private static readonly Regex NotAnAsk = Lexicon.Shipped.Pattern("request.not-an-ask");

    /// <summary>The few asks that are whole in one word ("could you call", "could you help").</summary>
    private static readonly Regex OneWordAsk = Lexicon.Shipped.Pattern("request.one-word-ask");
}
