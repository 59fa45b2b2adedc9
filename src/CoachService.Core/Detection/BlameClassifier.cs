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
    private readonly SentenceRows _rows;

    private BlameClassifier(BlameModelInfo info, MLContext ml, ITransformer blame, ITransformer category, SentenceRows rows)
    {
        Info = info;
        _blame = new PredictionEnginePool<SentenceRow, BlameProbability>(ml, blame);
        _category = new PredictionEnginePool<SentenceRow, ClassPrediction>(ml, category);
        _rows = rows;
    }

    public BlameModelInfo Info { get; }

    public float Threshold => Info.Threshold;

    /// <summary>Loads the models from <paramref name="modelsDirectory"/>, failing with the path of anything missing or corrupt.</summary>
    public static BlameClassifier Load(string modelsDirectory, SentenceEmbedder embedder)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        var info = BlameModelInfo.Load(Path.Combine(modelsDirectory, BlameModelInfo.FileName));
        var ml = new MLContext(seed: 1);
        var blame = ModelFile.Load(ml, Path.Combine(modelsDirectory, BlameModelInfo.ClassifierFileName));
        var category = ModelFile.Load(ml, Path.Combine(modelsDirectory, BlameModelInfo.CategoryFileName));
        var classifier = new BlameClassifier(info, ml, blame, category, new SentenceRows(info.FeatureSet, embedder));

        // Predict once so a model that loads but cannot run fails now, at start-up, not on a user's request.
        classifier.Classify("You never call me back.");
        return classifier;
    }

    /// <param name="sentence">The sentence to classify.</param>
    /// <param name="context">The message's context vector from <see cref="ContextOf"/>; null when the sentence stands alone.</param>
    public SentenceVerdict Classify(string sentence, float[]? context = null)
    {
        var row = _rows.For(sentence, context);
        float score = _blame.Predict(row).Probability;
        bool isBlame = score >= Threshold;
        string category = isBlame ? _category.Predict(row).Label : BlameCategory.None;
        return new SentenceVerdict(score, isBlame, category);
    }

    /// <summary>The blame probability alone, for re-checking rewrites and weighing words.</summary>
    public float Score(string sentence, float[]? context = null) => _blame.Predict(_rows.For(sentence, context)).Probability;

    /// <summary>What <see cref="Classify"/> needs to know about the whole message (empty when the models ignore context).</summary>
    public float[] ContextOf(string message) => _rows.Context(message);

    /// <summary>Shared with the other sentence models trained on the same features (the concern model).</summary>
    internal SentenceRows Rows => _rows;
}
