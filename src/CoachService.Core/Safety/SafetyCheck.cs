using System.Text.RegularExpressions;

namespace CoachService.Core.Safety;

/// <summary>What the safety check found: a message of this kind is never softened, only answered with help.</summary>
public sealed record SafetyResult(bool Flagged, string Kind, string? Message)
{
    public static SafetyResult None { get; } = new(false, SafetyKind.None, null);
}

public static class SafetyKind
{
    public const string None = "none";
    public const string Threat = "threat";
    public const string SelfHarm = "self_harm";
    public const string Abuse = "abuse";
}

/// <summary>
/// Recognises threats of violence, talk of self-harm, and descriptions of abuse or coercive control: the
/// trained safety model, backed by explicit patterns for the plainest phrasings (a person as the object, as in
/// "kill you" or "hurt myself", so hyperbole such as "this traffic is killing me" passes). Either one flags.
/// </summary>
public sealed class SafetyCheck(SafetyClassifier? model = null)
{
    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking;

    private readonly (string Kind, Regex Pattern, string Message)[] _checks =
    [
        (SafetyKind.SelfHarm, new Regex(
            @"\b(kill(ing)? myself|end(ing)? it all|end(ing)? my (own )?life|hurt(ing)? myself|harm(ing)? myself|cut(ting)? myself|(want|wanna) to die|want to be dead|don'?t want to (live|be alive|be here anymore|wake up)|better off without me|(i'?m|i am|feeling|feel) suicidal|commit suicide|take my (own )?life|not be around (anymore|much longer)|(take|took|taking) an overdose|overdose on|no reason to live|can'?t go on (anymore|like this))\b", Options),
            "What you wrote sounds like you may be thinking about hurting yourself. You deserve support right now: please contact your local emergency number or a crisis line where you live, or reach out to someone you trust and tell them how you feel."),
        (SafetyKind.Threat, new Regex(
            @"\b(i('ll| will| am going to|'m going to|'m gonna|m gonna| gonna| could| swear i'?ll) (kill|hurt|stab|shoot|strangle|choke) (you|u|him|her|them)|you('ll| will| are going to| r gonna|'re gonna) regret (this|it)|i know where (you|u) (are|live|work|sleep)|watch (your|ur) back|(you|u)('ll| will) pay for (this|it)|i('ll| will) make (you|u) (pay|sorry|suffer)|burn (your|ur) (house|stuff|car|things)|(you('re| are)|ur) dead meat|if (you|u) leave( me)?,? i('ll| will))", Options),
            "Parts of this message could be read as a threat, so we won't suggest a gentler version of it. If you are afraid you might hurt someone, step away and contact your local emergency number or a crisis line; if someone is in danger right now, call emergency services."),
        (SafetyKind.Abuse, new Regex(
            @"\b((he|she|they|my (husband|wife|partner|boyfriend|girlfriend|bf|gf)) (grabbed|hit|hits|pushed|pushes|shoved|choked|chokes|slapped|slaps|punched|punches|kicked|strangled|threatened|threatens|hurt|hurts|raped|beat|beats) me|won'?t let me (see|go|leave|have|talk|use|work|sleep|eat)|(takes|took|controls|keeps) my (phone|money|keys|passport|cards?|paycheck|wages)|scared to go home|afraid to go home|afraid (he|she|they)('ll| will) (hurt|hit|kill)|checks my phone every|tracks my (phone|location)|locks me (in|out)|forced me to|makes me ask (permission|for money))\b", Options),
            "What you describe sounds frightening, and it is not your fault. Your safety comes first: if you are in danger, call your local emergency number. A domestic-violence service or helpline where you live can talk things through in confidence and help you plan."),
    ];

    /// <summary>The patterns on the text, then the model on the message's reading.</summary>
    public SafetyResult Check(Reading.MessageReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        if (CheckPatterns(reading.Text) is { Flagged: true } byPattern)
        {
            return byPattern;
        }

        if (model?.Classify(reading) is { Kind: not SafetyKind.None } found)
        {
            return new SafetyResult(true, found.Kind, _checks.First(c => c.Kind == found.Kind).Message);
        }

        return SafetyResult.None;
    }

    /// <summary>The explicit patterns alone (the trainer measures what the model adds to them).</summary>
    public SafetyResult CheckPatterns(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var (kind, pattern, message) in _checks)
        {
            if (pattern.IsMatch(text))
            {
                return new SafetyResult(true, kind, message);
            }
        }

        return SafetyResult.None;
    }
}
