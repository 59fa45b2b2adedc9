namespace CoachService.Core.Text;

/// <summary>A range of a string in UTF-16 code units, the unit JavaScript and .NET strings use.</summary>
public readonly record struct TextSpan(int Offset, int Length)
{
    public int End => Offset + Length;

    public string Slice(string text) => text.Substring(Offset, Length);

    public bool Overlaps(TextSpan other) => Offset < other.End && other.Offset < End;

    /// <summary>The runs of non-whitespace characters in <paramref name="text"/>, in order.</summary>
    public static IEnumerable<TextSpan> WhitespaceSeparated(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            int start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i > start)
            {
                yield return new TextSpan(start, i - start);
            }
        }
    }
}
