namespace CoachService.Contracts;

/// <summary>
/// What a client needs to show the service's answers without copying anything from it: the limits the service
/// enforces, and a label for every id its answers use. The web page fetches it once when it opens.
/// </summary>
/// <param name="MaxTextLength">Longest message accepted, in UTF-16 code units (what JavaScript's <c>length</c> counts).</param>
/// <param name="MaxSentences">Most sentences in one message.</param>
/// <param name="MaxBatchItems">Most messages in one batch request.</param>
/// <param name="Categories">Every blame category an analysis may report (<c>category</c>, <c>categories</c>), with a label.</param>
/// <param name="Styles">Every rewrite style, in the order to show them, with a label and a hint.</param>
/// <param name="Components">The parts of a rewrite's <c>components</c>, in order, with a label.</param>
/// <param name="SafetyHeadings">A heading for each harmful safety <c>kind</c>.</param>
/// <param name="Notes">Sentences to show when an answer carries no note of its own.</param>
public sealed record MetaResponse(
    int MaxTextLength,
    int MaxSentences,
    int MaxBatchItems,
    IReadOnlyList<LabelDto> Categories,
    IReadOnlyList<StyleDto> Styles,
    IReadOnlyList<LabelDto> Components,
    IReadOnlyList<LabelDto> SafetyHeadings,
    MetaNotes Notes);

/// <summary>An id the API uses and the words to show for it.</summary>
public sealed record LabelDto(string Id, string Label);

/// <summary>A rewrite style: its id, its label and one line on what it is for.</summary>
public sealed record StyleDto(string Id, string Label, string Hint);

/// <summary>
/// <c>Kind</c>: a message with no blame; <c>NoRewrites</c>: a blaming message for which no rewrite came back;
/// <c>Safety</c>: a flagged message whose safety answer has no message.
/// </summary>
public sealed record MetaNotes(string Kind, string NoRewrites, string Safety);
