using System.Text;

namespace CoachService.Core.Text;

/// <summary>Why a message cannot be analysed: a stable machine-readable code and a sentence for a person.</summary>
public sealed record MessageProblem(string Code, string Detail);

/// <summary>The checks every entry point (HTTP API, CLI) applies to a message before analysing it.</summary>
public static class MessageValidation
{
    public const string TextMissing = "text_missing";
    public const string TextEmpty = "text_empty";
    public const string TextTooLong = "text_too_long";
    public const string TooManySentences = "too_many_sentences";

    public static MessageProblem? Validate(string? text, MessageLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (text is null)
        {
            return new MessageProblem(TextMissing, "Send the message to check in the \"text\" field.");
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return new MessageProblem(TextEmpty, "The message is empty. Type or paste the message you want to check.");
        }

        if (text.Length > limits.MaxTextLength)
        {
            return new MessageProblem(
                TextTooLong,
                $"The message is {text.Length} characters long; the limit is {limits.MaxTextLength}. Check a shorter part of it.");
        }

        // Dots, emoji, zero-width or control characters alone carry no words: the models would read them as
        // something (contempt, for a row of dots) and the rewriter would rewrite them.
        if (!HasLetterOrDigit(text))
        {
            return new MessageProblem(
                TextEmpty,
                "The message has no words to check, only symbols, punctuation or invisible characters. Type or paste the message you want to check.");
        }

        int sentences = SentenceSplitter.Split(text).Count;
        if (sentences > limits.MaxSentences)
        {
            return new MessageProblem(
                TooManySentences,
                $"The message has {sentences} sentences; the limit is {limits.MaxSentences}. Check a shorter part of it.");
        }

        return null;
    }

    private static bool HasLetterOrDigit(string text)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune))
            {
                return true;
            }
        }

        return false;
    }
}
