using System.Text.Json.Serialization;
using CoachService.Core.Detection;
using CoachService.Core.Models;
using CoachService.Core.Text;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace CoachService.Core.Safety;

/// <summary>
/// The trained safety model's settings: a message is at danger when P(none) falls below
/// <paramref name="DangerThreshold"/>, and at concern when it falls below <paramref name="ConcernThreshold"/>;
/// the model reads <paramref name="FeatureSet"/>. With <paramref name="ScoreSentences"/>, each sentence of a
/// longer message is scored on its own as well and the lowest P(none) counts, so one threat among ordinary
/// sentences is not diluted by them.
/// </summary>
public sealed record SafetyModelInfo(
    [property: JsonRequired] float DangerThreshold,
    [property: JsonRequired] float ConcernThreshold,
    [property: JsonRequired] FeatureSet FeatureSet,
    [property: JsonRequired] bool ScoreSentences)
{
    public const string FileName = "safety-model.json";
    public const string ModelFileName = "safety.zip";

    public static SafetyModelInfo Load(string path)
    {
        var info = ModelFile.ReadDescription<SafetyModelInfo>(path, "safety model");
        return info.DangerThreshold is > 0 and < 1 && info.ConcernThreshold >= info.DangerThreshold && info.ConcernThreshold < 1
            ? info
            : throw new InvalidDataException($"{path}: thresholds {info.DangerThreshold} (danger) and {info.ConcernThreshold} (concern) must lie in (0, 1), danger first.");
    }

    public void Save(string path) => ModelFile.SaveDescription(path, this);
}

/// <summary>
/// The ML.NET model that recognises threats, self-harm, abuse and coercive control across whole messages (none /
/// threat / self_harm / abuse / control), trained on <c>models/data/safety</c>; it reads the features its
/// description names. Its thresholds lean towards flagging: a missed crisis costs far more than an unneeded
/// pointer to help.
/// </summary>
public sealed class SafetyClassifier
{
    private readonly PredictionEnginePool<SentenceRow, ClassPrediction> _pool;
    private readonly string[] _labels;
    private readonly int _noneIndex;

    private SafetyClassifier(PredictionEnginePool<SentenceRow, ClassPrediction> pool, SafetyModelInfo info, string version, string[] labels)
    {
        _pool = pool;
        Info = info;
        Version = version;
        _labels = labels;
        _noneIndex = Array.IndexOf(labels, SafetyKind.None);
    }

    public SafetyModelInfo Info { get; }

    /// <summary>A hash of the safety model's files (<see cref="ModelFile.ShortHash"/>).</summary>
    public string Version { get; }

    public static SafetyClassifier Load(string modelsDirectory)
    {
        var info = SafetyModelInfo.Load(Path.Combine(modelsDirectory, SafetyModelInfo.FileName));
        var ml = new MLContext(seed: 1);
        var model = ModelFile.Load(ml, Path.Combine(modelsDirectory, SafetyModelInfo.ModelFileName));
        var labels = ModelFile.ClassLabels<SentenceRow>(ml, model);
        if (!labels.Contains(SafetyKind.None))
        {
            throw new InvalidDataException($"{Path.Combine(modelsDirectory, SafetyModelInfo.ModelFileName)} has no '{SafetyKind.None}' class; retrain it.");
        }

        List<string> files = [Path.Combine(modelsDirectory, SafetyModelInfo.FileName), Path.Combine(modelsDirectory, SafetyModelInfo.ModelFileName)];
        if (info.FeatureSet == FeatureSet.NGramsEmbeddingContextAndSafetyHead)
        {
            string head = Path.Combine(modelsDirectory, Reading.SafetyHead.FileName);
            files.Add(File.Exists(head) ? head : throw new FileNotFoundException($"The safety model reads the safety head, but {head} is missing; retrain (see README).", head));
        }

        string version = ModelFile.ShortHash([.. files]);
        return new SafetyClassifier(new PredictionEnginePool<SentenceRow, ClassPrediction>(ml, model), info, version, labels);
    }

    /// <summary>The model's input for a whole text: its words and its vector (both as context and as itself), and the safety head's reading when the model reads one.</summary>
    public static SentenceRow RowOf(string text, float[] vector, float[]? head = null) => Row(text, embedding: vector, context: vector, head);

    private static SentenceRow Row(string text, float[] embedding, float[] context, float[]? head) => new()
    {
        Text = text,
        Embedding = embedding,
        Context = context,
        Heads = new float[Reading.MessageReading.DeciderFeatureCount],
        SafetyHead = head ?? new float[HeadFeatureCount],
    };

    private static readonly float LogFloor = -MathF.Log(1e-4f);

    /// <summary>How many values of the safety head the model reads: one per class.</summary>
    public const int HeadFeatureCount = 5;

    /// <summary>
    /// What the model reads of the safety head's probabilities: their logarithms, each at least ln 0.0001, so a
    /// linear model weighs evidence for a class additively and one sure answer does not swamp the rest, divided by
    /// ln 10000 so they lie in [-1, 0] like the n-grams' and vectors' values (unscaled, L-BFGS crawled: the eighth
    /// session's note, <c>models/eval/safety-head-r8/</c>).
    /// </summary>
    public static float[] HeadFeatures(IReadOnlyList<float> probabilities)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        if (probabilities.Count != HeadFeatureCount)
        {
            throw new ArgumentException($"The safety head gives {probabilities.Count} probabilities; the model reads {HeadFeatureCount}.", nameof(probabilities));
        }

        return [.. probabilities.Select(p => MathF.Log(Math.Max(p, 1e-4f)) / LogFloor)];
    }

    private static float[]? HeadOf(Reading.MessageReading reading, FeatureSet features) =>
        features != FeatureSet.NGramsEmbeddingContextAndSafetyHead ? null
        : reading.Safety is { } probabilities ? HeadFeatures(probabilities)
        : throw new InvalidOperationException("The safety model reads the safety head, but the reader has none (models/safety-head.json).");

    /// <summary>
    /// The model's input for a message, read as the model was trained to read it: its words and its vector, and
    /// with <see cref="FeatureSet.NGramsEmbeddingAndContext"/> also its sentences one by one
    /// (<see cref="SentenceMaximum"/>, so one alarming sentence among ordinary ones stands out) beside the vector of
    /// the whole message; with <see cref="FeatureSet.NGramsEmbeddingContextAndSafetyHead"/>, also the safety head's
    /// reading of all its tokens.
    /// </summary>
    public static SentenceRow RowOf(Reading.MessageReading reading, FeatureSet features)
    {
        ArgumentNullException.ThrowIfNull(reading);
        return RowOf(reading.Text, reading.Vector, ReadsSentences(features) ? SentenceMaximum(reading) : reading.Vector, features, HeadOf(reading, features));
    }

    /// <summary>As <see cref="RowOf(Reading.MessageReading, FeatureSet)"/>, from what was already computed (the trainer keeps it, not the readings).</summary>
    public static SentenceRow RowOf(string text, float[] messageVector, float[] sentenceMaximum, FeatureSet features, float[]? head = null) =>
        ReadsSentences(features)
            ? Row(text, embedding: sentenceMaximum, context: messageVector, features == FeatureSet.NGramsEmbeddingContextAndSafetyHead ? head : null)
            : RowOf(text, messageVector);

    private static bool ReadsSentences(FeatureSet features) => features is FeatureSet.NGramsEmbeddingAndContext or FeatureSet.NGramsEmbeddingContextAndSafetyHead;

    /// <summary>
    /// The element-wise maximum of the message's normalised sentence vectors, normalised again so that its length
    /// does not grow with the number of sentences. A message of one sentence (or none) gives its own vector.
    /// </summary>
    public static float[] SentenceMaximum(Reading.MessageReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        if (reading.Sentences.Count < 2)
        {
            return reading.Vector;
        }

        var maximum = SentenceRowOf(reading, 0).Embedding.ToArray();
        for (int i = 1; i < reading.Sentences.Count; i++)
        {
            System.Numerics.Tensors.TensorPrimitives.Max(maximum, SentenceRowOf(reading, i).Embedding, maximum);
        }

        float norm = System.Numerics.Tensors.TensorPrimitives.Norm(maximum);
        if (norm > 0)
        {
            System.Numerics.Tensors.TensorPrimitives.Divide(maximum, norm, maximum);
        }

        return maximum;
    }

    /// <summary>The model's input for one sentence of a message: its words and its (normalised) vector, read within the message, and the safety head's reading of the message when the model reads one.</summary>
    public static SentenceRow SentenceRowOf(Reading.MessageReading reading, int index, float[]? head = null)
    {
        ArgumentNullException.ThrowIfNull(reading);
        var sentence = reading.Sentences[index];
        var vector = (float[])sentence.Vector.Clone();
        float norm = System.Numerics.Tensors.TensorPrimitives.Norm(vector);
        if (norm > 0)
        {
            System.Numerics.Tensors.TensorPrimitives.Divide(vector, norm, vector);
        }

        return RowOf(sentence.Span.Slice(reading.Text), vector, head);
    }

    /// <summary>The level, the most likely harmful kind (or <see cref="SafetyKind.None"/>), and the probability of none.</summary>
    public (string Level, string Kind, float NoneProbability) Classify(Reading.MessageReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        var row = RowOf(reading, Info.FeatureSet);
        var prediction = _pool.Predict(row);
        if (Info.ScoreSentences && reading.Sentences.Count > 1)
        {
            for (int i = 0; i < reading.Sentences.Count; i++)
            {
                var candidate = _pool.Predict(SentenceRowOf(reading, i, row.SafetyHead));
                if (candidate.Scores[_noneIndex] < prediction.Scores[_noneIndex])
                {
                    prediction = candidate;
                }
            }
        }

        float none = prediction.Scores[_noneIndex];
        string level = none < Info.DangerThreshold ? SafetyLevel.Danger : none < Info.ConcernThreshold ? SafetyLevel.Concern : SafetyLevel.None;
        if (level == SafetyLevel.None)
        {
            return (level, SafetyKind.None, none);
        }

        // The likeliest of the harmful kinds, even if "none" scored higher on its own.
        int best = Enumerable.Range(0, prediction.Scores.Length).Where(i => i != _noneIndex).MaxBy(i => prediction.Scores[i]);
        return (level, _labels[best], none);
    }
}
