using System.Text.Json.Serialization;

namespace CoachService.Core.Data;

/// <summary>One hand-labelled message from <c>models/data</c>; see <c>models/data/README.md</c> for the format.</summary>
public sealed record LabelledMessage(
    string Id,
    IReadOnlyList<LabelledSentence> Sentences,
    string? Conversation = null,
    string? Pair = null,
    string? Hard = null)
{
    /// <summary>The message as a person would send it: the sentences joined by one space.</summary>
    [JsonIgnore]
    public string Text => string.Join(' ', Sentences.Select(s => s.Text));

    [JsonIgnore]
    public bool HasBlame => Sentences.Any(s => s.Blame);

    /// <summary>Where each labelled sentence lies in <see cref="Text"/> (they are joined by one space).</summary>
    public IReadOnlyList<Text.TextSpan> SentenceSpans()
    {
        var spans = new List<Text.TextSpan>(Sentences.Count);
        int start = 0;
        foreach (var sentence in Sentences)
        {
            spans.Add(new Text.TextSpan(start, sentence.Text.Length));
            start += sentence.Text.Length + 1;
        }

        return spans;
    }

    /// <summary>The character positions in <see cref="Text"/> covered by an annotated cue (every occurrence in its sentence).</summary>
    public HashSet<int> CueChars()
    {
        var chars = new HashSet<int>();
        var spans = SentenceSpans();
        for (int s = 0; s < Sentences.Count; s++)
        {
            string sentence = Sentences[s].Text;
            foreach (var cue in Sentences[s].Cues ?? [])
            {
                for (int at = sentence.IndexOf(cue, StringComparison.Ordinal); at >= 0; at = sentence.IndexOf(cue, at + 1, StringComparison.Ordinal))
                {
                    for (int c = 0; c < cue.Length; c++)
                    {
                        chars.Add(spans[s].Offset + at + c);
                    }
                }
            }
        }

        return chars;
    }

    /// <summary>Messages that must share a cross-validation fold: a minimal pair, else a conversation, else the message.</summary>
    [JsonIgnore]
    public string Group => Pair ?? Conversation ?? Id;
}

public sealed record LabelledSentence(
    string Text,
    bool Blame,
    string? Category = null,
    IReadOnlyList<string>? Cues = null,
    string? Concern = null,
    string? Kind = null);
