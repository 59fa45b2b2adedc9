using CoachService.Core.Embeddings;
using CoachService.Core.Models;
using Microsoft.ML;

namespace CoachService.Core.Detection;

/// <summary>A sentence's blame probability, whether it passes the threshold, and its most likely category.</summary>
public readonly record struct SentenceVerdict(float Score, bool IsBlame, string Category);

/// <summary>
/// The trained ML.NET blame models: a binary model that scores how much a sentence blames the reader and a
/// multi-class model that names the kind of blame. When the binary model reads sentence embeddings, a cheap
/// n-gram screen scores each sentence first and the embeddings are computed only for the sentences it is
/// unsure of (see <see cref="ScreenBand"/>). Loaded once per process; predictions use pooled engines.
/// </summary>
public sealed class BlameClassifier
{
    private readonly PredictionEnginePool<SentenceRow, BlameProbability> _blame;
    private readonly PredictionEnginePool<SentenceRow, BlameProbability>? _screen;
    private readonly PredictionEnginePool<SentenceRow, ClassPrediction> _category;
    private readonly SentenceRows _rows;
    private readonly SentenceRows _categoryRows;

    private BlameClassifier(BlameModelInfo info, MLContext ml, ITransformer blame, ITransformer? screen, ITransformer category, SentenceRows rows)
    {
        Info = info;
        _blame = new PredictionEnginePool<SentenceRow, BlameProbability>(ml, blame);
        _screen = screen is null ? null : new PredictionEnginePool<SentenceRow, BlameProbability>(ml, screen);
        _category = new PredictionEnginePool<SentenceRow, ClassPrediction>(ml, category);
        _rows = rows;
        _categoryRows = rows.With(info.CategoryFeatureSet);
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
        var screen = info.Screen is null ? null : ModelFile.Load(ml, Path.Combine(modelsDirectory, BlameModelInfo.ScreenFileName));
        var category = ModelFile.Load(ml, Path.Combine(modelsDirectory, BlameModelInfo.CategoryFileName));
        var classifier = new BlameClassifier(info, ml, blame, screen, category, new SentenceRows(info.FeatureSet, embedder));

        // Predict once so a model that loads but cannot run fails now, at start-up, not on a user's request.
        classifier.Classify("You never call me back.");
        classifier.ScoreWithFullModel("You never call me back.", null);
        return classifier;
    }

    /// <param name="sentence">The sentence to classify.</param>
    /// <param name="context">The message from <see cref="ContextOf"/>; null when the sentence stands alone.</param>
    public SentenceVerdict Classify(string sentence, MessageContext? context = null)
    {
        float score = Score(sentence, context);
        bool isBlame = score >= Threshold;
        string category = isBlame ? _category.Predict(_categoryRows.For(sentence, context)).Label : BlameCategory.None;
        return new SentenceVerdict(score, isBlame, category);
    }

    /// <summary>The blame probability alone, for re-checking rewrites: the screen's when it is sure, else the full model's.</summary>
    public float Score(string sentence, MessageContext? context = null)
    {
        if (_screen is not null)
        {
            float screened = _screen.Predict(SentenceRows.TextOnly(sentence)).Probability;
            if (Info.Screen!.Decides(screened))
            {
                return screened;
            }
        }

        return ScoreWithFullModel(sentence, context);
    }

    /// <summary>
    /// A cheap score for weighing which words carry the blame (many calls per sentence): the n-gram screen
    /// when there is one, whose score moves with the words themselves.
    /// </summary>
    public float WordWeight(string sentence) =>
        _screen is not null ? _screen.Predict(SentenceRows.TextOnly(sentence)).Probability : ScoreWithFullModel(sentence, null);

    /// <summary>What <see cref="Classify"/> needs to know about the whole message; embedded only if a sentence needs it.</summary>
    public MessageContext ContextOf(string message) => _rows.Context(message);

    /// <summary>Shared with the other sentence models trained on the full features (the concern model, the safety model).</summary>
    internal SentenceRows Rows => _rows;

    private float ScoreWithFullModel(string sentence, MessageContext? context) => _blame.Predict(_rows.For(sentence, context)).Probability;
}
