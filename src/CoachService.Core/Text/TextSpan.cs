namespace CoachService.Core.Text;

/// <summary>A range of a string in UTF-16 code units, the unit JavaScript and .NET strings use.</summary>
public readonly record struct TextSpan(int Offset, int Length)
{
    public int End => Offset + Length;

    public string Slice(string text) => text.Substring(Offset, Length);

    public bool Overlaps(TextSpan other) => Offset < other.End && other.Offset < End;
}
