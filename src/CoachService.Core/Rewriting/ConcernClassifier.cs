using CoachService.Core.Detection;
using CoachService.Core.Models;
using Microsoft.ML;

namespace CoachService.Core.Rewriting;

/// <summary>
/// The ML.NET model that names the concern behind a complaint (chores, phone, lateness…), trained on the
/// same features as the blame models. Loaded once; predictions use pooled engines.
/// </summary>
public sealed class ConcernClassifier
{
    public const string FileName = "concern.zip";

    private readonly PredictionEnginePool<SentenceRow, ClassPrediction> _pool;
    private readonly SentenceRows _rows;

    private ConcernClassifier(PredictionEnginePool<SentenceRow, ClassPrediction> pool, SentenceRows rows)
    {
        _pool = pool;
        _rows = rows;
    }

    public static ConcernClassifier Load(string modelsDirectory, BlameClassifier blameClassifier)
    {
        ArgumentNullException.ThrowIfNull(blameClassifier);
        var ml = new MLContext(seed: 1);
        var model = ModelFile.Load(ml, Path.Combine(modelsDirectory, FileName));
        var classifier = new ConcernClassifier(new PredictionEnginePool<SentenceRow, ClassPrediction>(ml, model), blameClassifier.Rows);
        classifier.Classify("You never help with the dishes.");
        return classifier;
    }

    public string Classify(string text) => _pool.Predict(_rows.For(text)).Label;
}
