using System.Text.RegularExpressions;
using CoachService.Core.Text;

namespace CoachService.Core.Safety;

/// <summary>
/// What the safety check found. At <see cref="SafetyLevel.Danger"/> the message is never softened, only
/// answered with help; at <see cref="SafetyLevel.Concern"/> it gets a short check-in line (<paramref name="Message"/>)
/// and questions, but no rewrite either (<see cref="Rewriting.GentleRewriter"/>: harmful messages read at concern were
/// the ones that still got rewrites).
/// </summary>
public sealed record SafetyResult(string Level, string Kind, string? Message)
{
    public static SafetyResult None { get; } = new(SafetyLevel.None, SafetyKind.None, null);

    /// <summary>Danger: no rewrite and no questions, only the pointer to help.</summary>
    public bool Flagged => Level == SafetyLevel.Danger;
}

/// <summary>Graded like the severity levels of content-safety services: nothing, worth a check-in, or danger.</summary>
public static class SafetyLevel
{
    public const string None = "none";
    public const string Concern = "concern";
    public const string Danger = "danger";
}

public static class SafetyKind
{
    public const string None = "none";
    public const string Threat = "threat";
    public const string SelfHarm = "self_harm";

    /// <summary>The writer describes being hurt, controlled or frightened by someone.</summary>
    public const string Abuse = "abuse";

    /// <summary>The writer controls, watches or coerces the reader: demands for passwords or location, stalking, threats to share intimate images.</summary>
    public const string Control = "control";

    public static IReadOnlyList<string> Harmful { get; } = [Threat, SelfHarm, Abuse, Control];
}

/// <summary>
/// Recognises threats of violence, talk of self-harm or a goodbye note, descriptions of abuse, and coercive
/// control, and grades them: the trained safety model on the message's reading, backed by explicit patterns for
/// the plainest phrasings (a person as the object, as in "kill you" or "hurt myself", so hyperbole such as
/// "this traffic is killing me" passes). A pattern means danger; the model's probability that the message is
/// harmless decides between danger, concern and none. The reading it gets is of the text with filter dodges
/// undone (<see cref="SafetyText"/>).
/// </summary>
public sealed class SafetyCheck(SafetyClassifier? model = null)
{
    private readonly (string Kind, Regex Pattern)[] _patterns =
    [
        (SafetyKind.SelfHarm, Lexicon.Shipped.Pattern("safety.self-harm")),
        // Control before threat: "if you leave I'll send those pics" is the more specific of the two.
        (SafetyKind.Control, Lexicon.Shipped.Pattern("safety.control")),
        (SafetyKind.Threat, Lexicon.Shipped.Pattern("safety.threat")),
        (SafetyKind.Abuse, Lexicon.Shipped.Pattern("safety.abuse")),
    ];

    private static readonly Dictionary<(string Kind, string Level), string> Messages = new()
    {
        [(SafetyKind.SelfHarm, SafetyLevel.Danger)] =
            "What you wrote sounds like you may be thinking about hurting yourself or saying goodbye. You deserve support right now: please contact your local emergency number or a crisis line where you live, or reach out to someone you trust and tell them how you feel.",
        [(SafetyKind.Threat, SafetyLevel.Danger)] =
            "Parts of this message could be read as a threat, and we won't help word a threat, so there is no gentler version of it here. If you are afraid you might hurt someone, step away and contact your local emergency number or a crisis line; if someone is in danger right now, call emergency services.",
        [(SafetyKind.Abuse, SafetyLevel.Danger)] =
            "What you describe sounds frightening, and it is not your fault. Your safety comes first: if you are in danger, call your local emergency number. A domestic-violence service or helpline where you live can talk things through in confidence and help you plan.",
        [(SafetyKind.Control, SafetyLevel.Danger)] =
            "Parts of this message could be read as pressure or control over your partner (demanding access, watching where they go, or threatening to share something private), and we won't help word that. If you feel you can't stop yourself, a counsellor or a helpline for people worried about their own behaviour can help; if someone is in danger right now, call your local emergency number.",
        [(SafetyKind.SelfHarm, SafetyLevel.Concern)] =
            "Some of this sounds heavy. If things feel like too much right now, you don't have to carry it alone: someone you trust, or a local helpline, can listen.",
        [(SafetyKind.Threat, SafetyLevel.Concern)] =
            "Parts of this could come across as a warning or a threat. If you're very angry right now, it may help to wait until you feel calmer before you send anything.",
        [(SafetyKind.Abuse, SafetyLevel.Concern)] =
            "If something at home is frightening you, it is not your fault, and a domestic-violence helpline can listen in confidence.",
        [(SafetyKind.Control, SafetyLevel.Concern)] =
            "Parts of this could come across as checking up on your partner. It may help to say what worries you, rather than asking them to prove something.",
    };

    /// <summary>The pointer to help (danger) or the check-in line (concern) for a kind.</summary>
    public static string MessageFor(string kind, string level) => Messages[(kind, level)];

    /// <summary>
    /// The patterns, then the model, on the reading of the text with filter dodges undone
    /// (<see cref="SafetyText.Normalise"/>): <see cref="Detection.BlameAnalyzer"/> makes that reading, once.
    /// </summary>
    public SafetyResult Check(Reading.MessageReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        if (CheckPatterns(reading.Text) is { Flagged: true } byPattern)
        {
            return byPattern;
        }

        if (model?.Classify(reading) is { Level: not SafetyLevel.None } found)
        {
            return new SafetyResult(found.Level, found.Kind, MessageFor(found.Kind, found.Level));
        }

        return SafetyResult.None;
    }

    /// <summary>The explicit patterns alone, on text already normalised by <see cref="SafetyText.Normalise"/> (the trainer measures what the model adds to them).</summary>
    public SafetyResult CheckPatterns(string plainText)
    {
        ArgumentNullException.ThrowIfNull(plainText);
        foreach (var (kind, pattern) in _patterns)
        {
            if (pattern.IsMatch(plainText))
            {
                return new SafetyResult(SafetyLevel.Danger, kind, MessageFor(kind, SafetyLevel.Danger));
            }
        }

        return SafetyResult.None;
    }
}
