using CoachService.Core.Detection;
using CoachService.Core.Models;
using Microsoft.ML;

namespace CoachService.Core.Rewriting;

/// <summary>
/// The ML.NET model that names the concern behind a complaint (chores, phone, lateness…), trained on the
/// same features as the blame models. Loaded once; predictions use pooled engines. When the model is unsure
/// (its top probability below <see cref="BlameModelInfo.ConcernMinConfidence"/>) the concern is
/// <see cref="Concern.General"/>: a general feeling and request read better than a specific wrong one
/// ("could we keep our phones away during dinner" for a complaint about chores).
/// </summary>
public sealed class ConcernClassifier
{
    public const string FileName = "concern.zip";

    private readonly PredictionEnginePool<SentenceRow, ClassPrediction> _pool;
    private readonly SentenceRows _rows;
    private readonly float _minConfidence;

    private ConcernClassifier(PredictionEnginePool<SentenceRow, ClassPrediction> pool, SentenceRows rows, float minConfidence)
    {
        _pool = pool;
        _rows = rows;
        _minConfidence = minConfidence;
    }

    public static ConcernClassifier Load(string modelsDirectory, BlameClassifier blameClassifier)
    {
        ArgumentNullException.ThrowIfNull(blameClassifier);
        var ml = new MLContext(seed: 1);
        var model = ModelFile.Load(ml, Path.Combine(modelsDirectory, FileName));
        var classifier = new ConcernClassifier(new PredictionEnginePool<SentenceRow, ClassPrediction>(ml, model), blameClassifier.Rows, blameClassifier.Info.ConcernMinConfidence);
        classifier.Classify("You never help with the dishes.");
        return classifier;
    }

    public string Classify(string text)
    {
        var prediction = _pool.Predict(_rows.For(text));
        return prediction.Scores.Max() >= _minConfidence ? prediction.Label : Concern.General;
    }
}
