using System.Text.Json;
using System.Text.Json.Serialization;
using CoachService.Core.Models;
using Microsoft.ML;

namespace CoachService.Core.Rewriting;

/// <summary>
/// The learned check of a candidate "when" clause: would "I feel upset when {clause}." be fluent, faithful to the
/// message and free of blame? Trained on clauses people rated (<c>models/data/situation</c>); a clause is used when
/// the model's probability reaches <paramref name="Threshold"/>, chosen by cross-validation for precision (a
/// garbled or unfaithful rewrite costs more than a note that helps the sender write it themselves).
/// </summary>
public sealed record SituationModelInfo(
    [property: JsonRequired] float Threshold,
    [property: JsonRequired] string DataHash)
{
    public const string FileName = "situation-model.json";
    public const string ModelFileName = "situation.zip";

    public static SituationModelInfo Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The situation model description {path} is missing; run the trainer (see README).", path);
        }

        var info = ModelFile.ReadDescription<SituationModelInfo>(path, JsonOptions);
        return info.Threshold is > 0 and < 1
            ? info
            : throw new InvalidDataException($"{path}: threshold {info.Threshold} must lie in (0, 1).");
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerOptions.Web) { WriteIndented = true };

    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, JsonOptions) + "\n");
}

/// <summary>Scores candidate "when" clauses with the model <see cref="SituationModelInfo"/> describes.</summary>
public sealed class SituationModel
{
    private readonly PredictionEnginePool<SentenceRow, BlameProbability> _pool;

    private SituationModel(PredictionEnginePool<SentenceRow, BlameProbability> pool, SituationModelInfo info)
    {
        _pool = pool;
        Info = info;
    }

    public SituationModelInfo Info { get; }

    public static SituationModel Load(string modelsDirectory)
    {
        var info = SituationModelInfo.Load(Path.Combine(modelsDirectory, SituationModelInfo.FileName));
        var ml = new MLContext(seed: 1);
        var model = ModelFile.Load(ml, Path.Combine(modelsDirectory, SituationModelInfo.ModelFileName));
        return new SituationModel(new PredictionEnginePool<SentenceRow, BlameProbability>(ml, model), info);
    }

    /// <summary>What the model reads: the clause as it would stand in the rewrite.</summary>
    public static string InputOf(string clause) => "I feel upset when " + clause.Trim() + ".";

    /// <summary>The probability that the clause reads well, says what happened and carries no blame.</summary>
    public float Score(string clause) => _pool.Predict(new SentenceRow { Text = InputOf(clause) }).Probability;

    public bool Accepts(string clause) => Score(clause) >= Info.Threshold;
}
