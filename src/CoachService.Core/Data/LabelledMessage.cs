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
