using System.Globalization;
using System.Text;
using CoachService.Core.Text;

namespace CoachService.Core.Safety;

/// <summary>
/// Undoes the tricks people use to slip words past a filter, so the safety check reads what a person would:
/// invisible characters, look-alike letters from other scripts, styled letters (fullwidth, bold, circled),
/// accents added to plain letters, digits and symbols standing in for letters ("k1ll", "d!e") and letters
/// spaced out ("k i l l  y o u", "k.i.l.l"). Only the safety check reads the result; the blame reading, its
/// highlights and everything the sender sees keep the original text.
/// </summary>
public static class SafetyText
{
    // Cyrillic and Greek letters that look like Latin ones; mapped only in a word that also has a Latin letter,
    // or in a text that is mostly Latin, so a Russian or Greek message is left as it is.
    private static readonly Dictionary<char, char> LookAlikes = Characters("safety.look-alikes");

    // Digits and symbols read as letters, but only inside a word that has a letter too ("k1ll", "h@te", "d1e"):
    // "at 4", "£50" and "10:30" are left alone.
    private static readonly Dictionary<char, char> Leet = Characters("safety.leet");

    /// <summary>The text as the safety check reads it; the same string when there was nothing to undo.</summary>
    public static string Normalise(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (LooksPlain(text))
        {
            return text;
        }

        string plain = FoldStyledLetters(RemoveInvisibleAndMarks(text));
        plain = MapLookAlikes(plain);
        plain = JoinSpacedLetters(plain);
        plain = UndoLeet(plain);
        return plain == text ? text : plain;
    }

    // Accented Latin letters and their plain letter (the service runs with invariant globalization, so
    // string.Normalize cannot decompose them).
    private static readonly Dictionary<char, char> Accented = BuildAccented(Lexicon.Shipped.Words("safety.accented"));

    private static Dictionary<char, char> BuildAccented(IEnumerable<string> groups)
    {
        var map = new Dictionary<char, char>();
        foreach (string group in groups)
        {
            foreach (char c in group.AsSpan(1))
            {
                map[c] = group[0];
            }
        }

        return map;
    }

    /// <summary>A pairs entry of single characters as a map; any other pair is a mistake in the lexicon.</summary>
    private static Dictionary<char, char> Characters(string id) =>
        Lexicon.Shipped.Pairs(id).ToDictionary(
            p => p.Key.Length == 1 ? p.Key[0] : throw new InvalidDataException($"{Lexicon.Shipped.Source}: entry '{id}' pairs single characters, not '{p.Key}'."),
            p => p.Value.Length == 1 ? p.Value[0] : throw new InvalidDataException($"{Lexicon.Shipped.Source}: entry '{id}' pairs single characters, not '{p.Value}'."));

    /// <summary>Drops invisible format characters (zero-width space and joiners, soft hyphen, direction marks) and combining marks ("k̶i̶l̶l̶").</summary>
    /// <summary>
    /// Most messages have nothing to undo: plain ASCII, no digit or symbol inside a word, and no run of single
    /// letters. They are returned as they are without building a copy (this runs on every request).
    /// </summary>
    private static bool LooksPlain(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c > '\u007F')
            {
                return false;
            }

            bool letterBefore = i > 0 && char.IsAsciiLetter(text[i - 1]);
            bool letterAfter = i + 1 < text.Length && char.IsAsciiLetter(text[i + 1]);
            if (Leet.ContainsKey(c) && (letterBefore || letterAfter) && !(c is '!' or '$' && !(letterBefore && letterAfter)))
            {
                return false;
            }

            // A single letter, then a separator and another single letter: "k i l l", "k.i.l.l".
            if (char.IsAsciiLetter(c) && !letterBefore && i + 2 < text.Length && IsSeparator(text[i + 1]) && char.IsAsciiLetter(text[i + 2])
                && (i + 3 == text.Length || !char.IsAsciiLetterOrDigit(text[i + 3])))
            {
                return false;
            }
        }

        return true;
    }

    private static string RemoveInvisibleAndMarks(string text)
    {
        var s = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) is not (UnicodeCategory.Format or UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark))
            {
                s.Append(Accented.TryGetValue(c, out char plain) ? plain : c);
            }
        }

        return s.ToString();
    }

    /// <summary>Fullwidth (ｋｉｌｌ), circled (ⓚⓘⓛⓛ) and mathematical bold, italic or script letters and digits (𝐤𝐢𝐥𝐥) read as plain ones.</summary>
    private static string FoldStyledLetters(string text)
    {
        var s = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            int v = rune.Value;
            char? plain = v switch
            {
                >= 0xFF01 and <= 0xFF5E => (char)(v - 0xFEE0),
                >= 0x24B6 and <= 0x24CF => (char)('A' + v - 0x24B6),
                >= 0x24D0 and <= 0x24E9 => (char)('a' + v - 0x24D0),
                >= 0x1D400 and <= 0x1D6A3 => (v - 0x1D400) % 52 is var k && k < 26 ? (char)('A' + k) : (char)('a' + k - 26),
                >= 0x1D7CE and <= 0x1D7FF => (char)('0' + (v - 0x1D7CE) % 10),
                _ => null,
            };
            if (plain is { } c)
            {
                s.Append(c);
            }
            else
            {
                s.Append(rune.ToString());
            }
        }

        return s.ToString();
    }

    private static string MapLookAlikes(string text)
    {
        int latin = 0, other = 0;
        foreach (char c in text)
        {
            if (char.IsLetter(c))
            {
                if (c < '\u0250')
                {
                    latin++;
                }
                else
                {
                    other++;
                }
            }
        }

        if (other == 0)
        {
            return text;
        }

        bool mostlyLatin = latin > other;
        var s = new StringBuilder(text);
        foreach (var (start, length) in Text.TextSpan.WhitespaceSeparated(text))
        {
            bool hasLatin = false;
            for (int i = start; i < start + length; i++)
            {
                hasLatin |= char.IsAsciiLetter(text[i]);
            }

            if (!hasLatin && !mostlyLatin)
            {
                continue;
            }

            for (int i = start; i < start + length; i++)
            {
                if (LookAlikes.TryGetValue(text[i], out char latinLetter))
                {
                    s[i] = latinLetter;
                }
            }
        }

        return s.ToString();
    }

    private static string UndoLeet(string text)
    {
        var s = new StringBuilder(text);
        foreach (var (start, length) in Text.TextSpan.WhitespaceSeparated(text))
        {
            int letters = 0, leet = 0;
            for (int i = start; i < start + length; i++)
            {
                if (char.IsLetter(text[i]))
                {
                    letters++;
                }
                else if (Leet.ContainsKey(text[i]))
                {
                    leet++;
                }
            }

            if (letters == 0 || leet == 0)
            {
                continue;
            }

            // Leading or trailing "!" and "$" are punctuation and money ("now!", "$20"), not letters.
            int first = start, last = start + length - 1;
            while (first <= last && !char.IsLetterOrDigit(text[first]) && text[first] != '@' && text[first] != '|')
            {
                first++;
            }

            while (last >= first && !char.IsLetterOrDigit(text[last]))
            {
                last--;
            }

            for (int i = first; i <= last; i++)
            {
                if (Leet.TryGetValue(text[i], out char letter))
                {
                    s[i] = char.IsUpper(text[Math.Max(first, i - 1)]) ? char.ToUpperInvariant(letter) : letter;
                }
            }
        }

        return s.ToString();
    }

    /// <summary>
    /// Runs of three or more single letters (or leet digits) split by spaces, dots, dashes, stars or
    /// underscores become words: "k.i.l.l" reads "kill", and "k i l l  y o u" reads "kill you" (two or more
    /// spaces, or a slash, between letters is a gap between words). A run with no wider gap is joined whole.
    /// </summary>
    private static string JoinSpacedLetters(string text)
    {
        var s = new StringBuilder(text.Length);
        int i = 0;
        while (i < text.Length)
        {
            var run = SpacedRun(text, i);
            if (run.Letters.Count >= 3)
            {
                if (s.Length > 0 && char.IsLetterOrDigit(s[^1]))
                {
                    s.Append(' ');
                }

                for (int k = 0; k < run.Letters.Count; k++)
                {
                    if (k > 0 && run.WordBreakBefore[k])
                    {
                        s.Append(' ');
                    }

                    s.Append(run.Letters[k]);
                }

                i = run.End;
                continue;
            }

            s.Append(text[i]);
            i++;
        }

        return s.ToString();
    }

    private static bool IsSpacedSymbol(char c) => char.IsLetter(c) || Leet.ContainsKey(c) && c is not ('!' or '+' or '|' or '$' or '@');

    private static bool IsSeparator(char c) => c is ' ' or '.' or '-' or '_' or '*' or '/';

    /// <summary>The single letters from <paramref name="start"/> on, whether a word break comes before each, and where the run ends.</summary>
    private static (List<char> Letters, List<bool> WordBreakBefore, int End) SpacedRun(string text, int start)
    {
        var letters = new List<char>();
        var breaks = new List<bool>();
        if (start > 0 && char.IsLetterOrDigit(text[start - 1]))
        {
            return (letters, breaks, start);
        }

        int i = start, end = start;
        bool wordBreak = false;
        while (i < text.Length && IsSpacedSymbol(text[i]) && (i + 1 == text.Length || !char.IsLetterOrDigit(text[i + 1])))
        {
            letters.Add(text[i]);
            breaks.Add(wordBreak);
            i++;
            end = i;
            int spaces = 0, separators = 0;
            bool slash = false;
            while (i < text.Length && IsSeparator(text[i]) && separators < 3)
            {
                spaces += text[i] == ' ' ? 1 : 0;
                slash |= text[i] == '/';
                i++;
                separators++;
            }

            if (separators == 0)
            {
                break;
            }

            wordBreak = spaces >= 2 || slash;
        }

        return (letters, breaks, end);
    }
}
