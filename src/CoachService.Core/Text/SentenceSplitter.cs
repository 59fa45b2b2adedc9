using System.Globalization;

namespace CoachService.Core.Text;

/// <summary>
/// Splits a message into sentences the way people text: a sentence ends at . ! ? … (and any run of them),
/// optionally followed by closing quotes, brackets and emoji, then whitespace; a line break always ends one.
/// Spans never cut a surrogate pair, and leading/trailing whitespace is left out of each sentence.
/// </summary>
public static class SentenceSplitter
{
    // Abbreviations whose full stop does not end a sentence.
    private static readonly HashSet<string> Abbreviations = new(Lexicon.Shipped.Words("sentence.abbreviations"), StringComparer.OrdinalIgnoreCase);

    public static IReadOnlyList<TextSpan> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sentences = new List<TextSpan>();
        int start = 0;
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (c is '\n' or '\r')
            {
                Add(text, start, i, sentences);
                i++;
                start = i;
                continue;
            }

            if (IsTerminator(c))
            {
                int end = i + 1;
                while (end < text.Length && IsTerminator(text[end]))
                {
                    end++;
                }

                end = SkipClosers(text, end);
                end = SkipTrailingEmoji(text, end);
                bool atBoundary = end >= text.Length || char.IsWhiteSpace(text[end]);
                if (atBoundary && !(c == '.' && end == i + 1 && IsAbbreviationOrNumber(text, start, i)))
                {
                    Add(text, start, end, sentences);
                    start = end;
                }

                i = end;
                continue;
            }

            i++;
        }

        Add(text, start, text.Length, sentences);
        return sentences;
    }

    private static bool IsTerminator(char c) => c is '.' or '!' or '?' or '…' or '‼' or '⁉';

    /// <summary>Closing quotes, brackets and emoji (with their modifiers) stay with the sentence they close.</summary>
    private static int SkipClosers(string text, int index)
    {
        while (index < text.Length)
        {
            char c = text[index];
            if (c is '"' or '\'' or ')' or ']' or '”' or '’' or '\u200D' or '\uFE0F')
            {
                index++;
                continue;
            }

            if (char.IsHighSurrogate(c) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
            {
                index += 2;
                continue;
            }

            var category = char.GetUnicodeCategory(c);
            if (category is UnicodeCategory.OtherSymbol or UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark)
            {
                index++;
                continue;
            }

            break;
        }

        return index;
    }

    /// <summary>"Thanks! 😍 See you" — emoji after a sentence's end, even after a space, belong to that sentence.</summary>
    private static int SkipTrailingEmoji(string text, int index)
    {
        int next = index;
        while (next < text.Length && text[next] is ' ' or '\t')
        {
            next++;
        }

        if (next == index || next >= text.Length || !IsEmojiStart(text, next))
        {
            return index;
        }

        int end = SkipClosers(text, next);
        return end > next ? end : index;
    }

    private static bool IsEmojiStart(string text, int i) =>
        (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
        || char.GetUnicodeCategory(text[i]) == UnicodeCategory.OtherSymbol;

    private static bool IsAbbreviationOrNumber(string text, int sentenceStart, int dotIndex)
    {
        int wordStart = dotIndex;
        while (wordStart > sentenceStart && (char.IsLetter(text[wordStart - 1]) || text[wordStart - 1] == '.'))
        {
            wordStart--;
        }

        if (wordStart == dotIndex)
        {
            return false;
        }

        return Abbreviations.Contains(text[wordStart..dotIndex]);
    }

    private static void Add(string text, int start, int end, List<TextSpan> sentences)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        if (end > start)
        {
            sentences.Add(new TextSpan(start, end - start));
        }
    }
}
