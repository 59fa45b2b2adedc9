using System.Text.Json;
using CoachService.Core.Data;
using CoachService.Core.Reading;
using CoachService.Core.Safety;

namespace CoachService.Training.SafetyHead;

/// <summary>
/// The safety head's training step (<c>safety-head</c>). First it writes what the head learns from: every safety training message (its text with filter dodges undone, as
/// the check reads it) and every message of the blame training split (as everyday), each as the committed encoder's
/// token states in half precision (<c>states.f16</c>) and one line of <c>index.jsonl</c> with its class, level,
/// weight and fold. The folds are the safety trainer's (a pair's two halves share one), so the head's out-of-fold
/// answers can stand in for it in that trainer's cross-validation. Then <c>safety_head.py</c> (Debian's
/// python3-torch) writes those out-of-fold answers (<c>oof.jsonl</c>) and the head trained on every message
/// (<c>models/safety-head.json</c>), which the service's reader applies.
/// </summary>
internal static class SafetyHeadTrainer
{
    public const int Folds = 5;

    /// <summary>The out-of-fold file the safety trainer reads.</summary>
    public static string OutOfFoldPath(string workDirectory) => Path.Combine(workDirectory, "oof.jsonl");

    public static void Run(string repo, MessageReader reader, string workDirectory, int epochs, TextWriter log)
    {
        Write(repo, reader, workDirectory, log);
        PythonScript.Run(
            [
                Path.Combine(repo, "src", "CoachService.Training", "SafetyHead", "safety_head.py"),
                "--work", workDirectory,
                "--folds", Folds.ToString(System.Globalization.CultureInfo.InvariantCulture), "--oof", OutOfFoldPath(workDirectory),
                "--final", Path.Combine(repo, "models", Core.Reading.SafetyHead.FileName),
                "--epochs", epochs.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--encoder-version", reader.EncoderVersion,
                "--classes", string.Join(",", Classes),
            ],
            log,
            "safety_head.py");
        double worst = LargestDifference(workDirectory, Path.Combine(repo, "models", Core.Reading.SafetyHead.FileName));
        log.WriteLine($"the service's safety head vs the torch head: largest difference {worst:E2}");
        if (worst > 1e-3)
        {
            throw new InvalidOperationException($"The service does not reproduce the trained safety head (difference {worst}).");
        }
    }

    /// <summary>The largest difference between the probabilities torch gave a few messages and those the service's <see cref="Core.Reading.SafetyHead"/> gives them.</summary>
    private static double LargestDifference(string workDirectory, string headPath)
    {
        var head = Core.Reading.SafetyHead.Load(headPath);
        var index = File.ReadLines(Path.Combine(workDirectory, "index.jsonl")).Select(line => JsonSerializer.Deserialize<Entry>(line)!).ToList();
        using var states = File.OpenRead(Path.Combine(workDirectory, "states.f16"));
        double worst = 0;
        foreach (var reference in JsonLines.Read<Reference[]>(Path.Combine(workDirectory, "reference.json")).SelectMany(r => r))
        {
            var entry = index[reference.Index];
            var bytes = new byte[entry.Tokens * ContextualEncoder.Dimensions * 2];
            states.Position = entry.Offset * ContextualEncoder.Dimensions * 2;
            states.ReadExactly(bytes);
            var values = new float[entry.Tokens * ContextualEncoder.Dimensions];
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = (float)System.Buffers.Binary.BinaryPrimitives.ReadHalfLittleEndian(bytes.AsSpan(2 * i, 2));
            }

            var got = head.Probabilities(values, entry.Tokens);
            worst = Math.Max(worst, reference.Probabilities.Zip(got).Max(p => Math.Abs(p.First - p.Second)));
        }

        return worst;
    }

    private sealed record Reference(int Index, float[] Probabilities);

    /// <summary>The out-of-fold probabilities by message (everyday messages of the blame split apart from the safety files', whose ids may repeat theirs).</summary>
    public static Dictionary<(bool Everyday, string Id), float[]> ReadOutOfFold(string workDirectory) =>
        JsonLines.Read<OutOfFold>(OutOfFoldPath(workDirectory)).ToDictionary(o => (o.Everyday, o.Id), o => o.Probabilities);

    private sealed record OutOfFold(string Id, bool Everyday, float[] Probabilities);

    /// <summary>The head's classes, in the order of its outputs.</summary>
    private static readonly string[] Classes = [SafetyKind.None, .. SafetyKind.Harmful];

    internal sealed record Entry(string Id, int Label, string Level, string? Form, int Fold, bool Everyday, long Offset, int Tokens);

    private static int Write(string repo, MessageReader reader, string workDirectory, TextWriter log)
    {
        Directory.CreateDirectory(workDirectory);
        string data = Path.Combine(repo, "models", "data");
        var safety = Directory.GetFiles(Path.Combine(data, "safety"), "train*.jsonl").Order(StringComparer.Ordinal).SelectMany(SafetyTrainer.Load)
            .Select(m => (m.Id, Text: SafetyText.Normalise(m.Text), m.Kind, m.Level, m.Form, m.Fold, Everyday: false));
        var everyday = LabelledDataSet.LoadDirectory(Path.Combine(data, "train"))
            .Select(m => (m.Id, m.Text, Kind: SafetyKind.None, Level: SafetyLevel.None, Form: (string?)null, Fold: Training.Folds.Stable(m.Id), Everyday: true));

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

            int label = Array.IndexOf(Classes, m.Kind);
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
