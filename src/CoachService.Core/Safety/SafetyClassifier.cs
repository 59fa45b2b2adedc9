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

        string version = ModelFile.ShortHash(Path.Combine(modelsDirectory, SafetyModelInfo.FileName), Path.Combine(modelsDirectory, SafetyModelInfo.ModelFileName));
        return new SafetyClassifier(new PredictionEnginePool<SentenceRow, ClassPrediction>(ml, model), info, version, labels);
    }

    /// <summary>The model's input for a whole text: its words and its vector (both as context and as itself).</summary>
    public static SentenceRow RowOf(string text, float[] vector) => Row(text, embedding: vector, context: vector);

    private static SentenceRow Row(string text, float[] embedding, float[] context) => new()
    {
        Text = text,
        Embedding = embedding,
        Context = context,
        Heads = new float[Reading.MessageReading.DeciderFeatureCount],
    };

    /// <summary>
    /// The model's input for a message, read as the model was trained to read it: its words and its vector, and
    /// with <see cref="FeatureSet.NGramsEmbeddingAndContext"/> also its sentences one by one
    /// (<see cref="SentenceMaximum"/>, so one alarming sentence among ordinary ones stands out) beside the vector of
    /// the whole message.
    /// </summary>
    public static SentenceRow RowOf(Reading.MessageReading reading, FeatureSet features)
    {
        ArgumentNullException.ThrowIfNull(reading);
        return RowOf(reading.Text, reading.Vector, features == FeatureSet.NGramsEmbeddingAndContext ? SentenceMaximum(reading) : reading.Vector, features);
    }

    /// <summary>As <see cref="RowOf(Reading.MessageReading, FeatureSet)"/>, from the two vectors already computed (the trainer keeps them, not the readings).</summary>
    public static SentenceRow RowOf(string text, float[] messageVector, float[] sentenceMaximum, FeatureSet features) =>
        features == FeatureSet.NGramsEmbeddingAndContext
            ? Row(text, embedding: sentenceMaximum, context: messageVector)
            : RowOf(text, messageVector);

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

    /// <summary>The model's input for one sentence of a message: its words and its (normalised) vector, read within the message.</summary>
    public static SentenceRow SentenceRowOf(Reading.MessageReading reading, int index)
    {
        ArgumentNullException.ThrowIfNull(reading);
        var sentence = reading.Sentences[index];
        var vector = (float[])sentence.Vector.Clone();
        float norm = System.Numerics.Tensors.TensorPrimitives.Norm(vector);
        if (norm > 0)
        {
            System.Numerics.Tensors.TensorPrimitives.Divide(vector, norm, vector);
        }

        return RowOf(sentence.Span.Slice(reading.Text), vector);
    }

    /// <summary>The level, the most likely harmful kind (or <see cref="SafetyKind.None"/>), and the probability of none.</summary>
    public (string Level, string Kind, float NoneProbability) Classify(Reading.MessageReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        var prediction = _pool.Predict(RowOf(reading, Info.FeatureSet));
        if (Info.ScoreSentences && reading.Sentences.Count > 1)
        {
            for (int i = 0; i < reading.Sentences.Count; i++)
            {
                var candidate = _pool.Predict(SentenceRowOf(reading, i));
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
