using System.Text.Json;
using CoachService.Core.Data;
using CoachService.Core.Reading;
using CoachService.Core.Safety;

namespace CoachService.Training.SafetyHead;

/// <summary>
/// Writes what the safety head learns from: every safety training message (its text with filter dodges undone, as
/// the check reads it) and every message of the blame training split (as everyday), each as the committed encoder's
/// token states in half precision (<c>states.f16</c>) and one line of <c>index.jsonl</c> with its class, level,
/// weight and fold. The folds are the safety trainer's (a pair's two halves share one), so the head's out-of-fold
/// answers can stand in for it in that trainer's cross-validation.
/// </summary>
internal static class SafetyHeadData
{
    /// <summary>The head's classes, in the order of its outputs.</summary>
    public static IReadOnlyList<string> Classes { get; } = [SafetyKind.None, .. SafetyKind.Harmful];

    internal sealed record Entry(string Id, int Label, string Level, string? Form, int Fold, bool Everyday, long Offset, int Tokens);

    public static int Write(string repo, MessageReader reader, string workDirectory, TextWriter log)
    {
        Directory.CreateDirectory(workDirectory);
        string data = Path.Combine(repo, "models", "data");
        var safety = Directory.GetFiles(Path.Combine(data, "safety"), "train*.jsonl").Order(StringComparer.Ordinal).SelectMany(SafetyTrainer.Load)
            .Select(m => (m.Id, Text: SafetyText.Normalise(m.Text), m.Kind, m.Level, m.Form, m.Fold, Everyday: false));
        var everyday = LabelledDataSet.LoadDirectory(Path.Combine(data, "train"))
            .Select(m => (m.Id, m.Text, Kind: SafetyKind.None, Level: SafetyLevel.None, Form: (string?)null, Fold: Folds.Stable(m.Id), Everyday: true));

        using var states = new BinaryWriter(File.Create(Path.Combine(workDirectory, "states.f16")));
        using var index = new StreamWriter(Path.Combine(workDirectory, "index.jsonl"));
        long offset = 0;
        int written = 0;
        foreach (var m in safety.Concat(everyday))
        {
            var vectors = reader.TokenStates(m.Text);
            int tokens = vectors.Length / ContextualEncoder.Dimensions;
            if (tokens == 0)
            {
                continue;
            }

            foreach (float v in vectors)
            {
                states.Write((Half)v);
            }

            int label = Classes.ToList().IndexOf(m.Kind);
            index.WriteLine(JsonSerializer.Serialize(new Entry(m.Id, label, m.Level, m.Form, m.Fold, m.Everyday, offset, tokens)));
            offset += tokens;
            if (++written % 2000 == 0)
            {
                log.WriteLine($"safety head data: {written} messages read");
            }
        }

        log.WriteLine($"safety head data: {written} messages, {offset} tokens");
        return written;
    }
}
