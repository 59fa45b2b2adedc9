namespace CoachService.Core.Rewriting;

/// <summary>The rewrite styles callers may ask for. The string ids are part of the API contract.</summary>
public static class RewriteStyle
{
    /// <summary>The sender's other sentences kept, each complaint as "I feel … when …", and one ask made from their situation.</summary>
    public const string Gentle = "gentle";

    /// <summary>The I-statement and the ask alone, without the sender's other sentences.</summary>
    public const string Brief = "brief";

    /// <summary>The gentle form closing with a neutral thanks (never invented praise).</summary>
    public const string Warm = "warm";

    public static IReadOnlyList<string> All { get; } = [Gentle, Brief, Warm];
}

/// <summary>The parts of a gentle start-up, as used in one rewrite. <c>Need</c> is empty in the template rewrites (no stock need is stated); an LLM rewrite may name one from the catalog.</summary>
public sealed record RewriteComponents(string Feeling, string Situation, string Need, string Request);

/// <summary>One suggested message and the classifier's blame score for the sentences the rewriter wrote.</summary>
public sealed record Rewrite(string Style, string Text, RewriteComponents Components, float BlameScore, string Concern);

/// <summary>The rewrites for a message, or a note saying why there are none.</summary>
public sealed record RewriteResult(IReadOnlyList<Rewrite> Rewrites, string? Note)
{
    /// <summary>
    /// The sender's complaint in their own words: the situation the first rewrite's ask was made from, or the best
    /// clause the rewriter found when no rewrite passed its checks; null when it found none. The questions are
    /// composed from it.
    /// </summary>
    public string? Situation { get; init; }
}
