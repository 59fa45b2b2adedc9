using CoachService.Core.Embeddings;
using CoachService.Core.Models;
using Microsoft.ML;

namespace CoachService.Core.Detection;

/// <summary>A sentence's blame probability, whether it passes the threshold, and its most likely category.</summary>
public readonly record struct SentenceVerdict(float Score, bool IsBlame, string Category);

/// <summary>
/// The trained ML.NET blame models: a binary model that scores how much a sentence blames the reader and a
/// multi-class model that names the kind of blame. Loaded once per process; predictions use pooled engines.
/// </summary>
public sealed class BlameClassifier
{
    private readonly PredictionEnginePool<SentenceRow, BlameProbability> _blame;
    private readonly PredictionEnginePool<SentenceRow, ClassPrediction> _category;
    private readonly SentenceEmbedder? _embedder;

    private BlameClassifier(BlameModelInfo info, MLContext ml, ITransformer blame, ITransformer category, SentenceEmbedder? embedder)
    {
        Info = info;
        _blame = new PredictionEnginePool<SentenceRow, BlameProbability>(ml, blame);
        _category = new PredictionEnginePool<SentenceRow, ClassPrediction>(ml, category);
        _embedder = embedder;
    }

    public BlameModelInfo Info { get; }

    public float Threshold => Info.Threshold;

    /// <summary>Loads the models from <paramref name="modelsDirectory"/>, failing with the path of anything missing or corrupt.</summary>
    public static BlameClassifier Load(string modelsDirectory, SentenceEmbedder embedder)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        var info = BlameModelInfo.Load(Path.Combine(modelsDirectory, BlameModelInfo.FileName));
        var ml = new MLContext(seed: 1);
        var blame = LoadModel(ml, Path.Combine(modelsDirectory, BlameModelInfo.ClassifierFileName));
        var category = LoadModel(ml, Path.Combine(modelsDirectory, BlameModelInfo.CategoryFileName));
        var classifier = new BlameClassifier(info, ml, blame, category, info.FeatureSet == FeatureSet.NGramsAndEmbedding ? embedder : null);

        // Predict once so a model that loads but cannot run fails now, at start-up, not on a user's request.
        classifier.Classify("You never call me back.");
        return classifier;
    }

    internal static ITransformer LoadModel(MLContext ml, string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The model file {path} is missing; run the trainer (see README).", path);
        }

        try
        {
            return ml.Model.Load(path, out _);
        }
        catch (Exception ex) when (ex is InvalidOperationException or InvalidDataException or FormatException or IOException or ArgumentException)
        {
            throw new InvalidDataException($"The model file {path} could not be loaded ({ex.Message}); retrain it (see README).", ex);
        }
    }

    public SentenceVerdict Classify(string sentence)
    {
        var row = ToRow(sentence);
        float score = _blame.Predict(row).Probability;
        bool isBlame = score >= Threshold;
        string category = isBlame ? _category.Predict(row).Label : BlameCategory.None;
        return new SentenceVerdict(score, isBlame, category);
    }

    /// <summary>The blame probability alone, for re-checking rewrites and weighing words.</summary>
    public float Score(string sentence) => _blame.Predict(ToRow(sentence)).Probability;

    private SentenceRow ToRow(string sentence) => new()
    {
        Text = sentence,
        Embedding = _embedder?.Embed(sentence) ?? EmptyEmbedding,
    };

    private static readonly float[] EmptyEmbedding = new float[SentenceEmbedder.Dimensions];
}
