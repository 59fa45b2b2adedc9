using CoachService.Core.Data;

namespace CoachService.Training;

/// <summary>One blind draft of a rewrite panel (<c>models/eval/panel-N/panel-*.jsonl</c>): its id and text.</summary>
internal sealed record PanelDraft(string Id, string Text)
{
    /// <summary>Every draft of a panel folder, its files in ordinal order.</summary>
    public static IEnumerable<PanelDraft> ReadFolder(string folder) =>
        Directory.GetFiles(folder, "panel-*.jsonl").Order(StringComparer.Ordinal).SelectMany(file => JsonLines.Read<PanelDraft>(file));
}
