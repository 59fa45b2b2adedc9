namespace CoachService.Contracts;

/// <summary>The body of POST /v1/feedback.</summary>
/// <param name="Verdict">"not_blame" | "missed_blame" | "bad_rewrite" | "good_rewrite".</param>
/// <param name="RuleId">The match's rule id the verdict is about, if any.</param>
/// <param name="ModelVersion">The <c>modelVersion</c> of the analysis the verdict is about.</param>
/// <param name="Text">The message, kept only when <paramref name="Consent"/> is true.</param>
/// <param name="Consent">Whether the sender agreed to the text being kept for review (deleted after the retention period).</param>
public sealed record FeedbackRequest(string? Verdict, string? RuleId, string? ModelVersion, string? Text, bool? Consent);

/// <summary>Whether the verdict was kept (a database is configured) or only counted, and whether its text was kept.</summary>
public sealed record FeedbackResponse(bool Kept, bool TextKept);
