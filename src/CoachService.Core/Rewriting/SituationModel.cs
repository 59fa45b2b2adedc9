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
    [property: JsonRequired] FeatureSet FeatureSet,
    [property: JsonRequired] string DataHash)
{
    public const string FileName = "situation-model.json";
    public const string ModelFileName = "situation.zip";

    public static SituationModelInfo Load(string path)
    {
        var info = ModelFile.ReadDescription<SituationModelInfo>(path, "situation model");
        return info.Threshold is > 0 and < 1
            ? info
            : throw new InvalidDataException($"{path}: threshold {info.Threshold} must lie in (0, 1).");
    }

    public void Save(string path) => ModelFile.SaveDescription(path, this);
}

/// <summary>Scores candidate "when" clauses with the model <see cref="SituationModelInfo"/> describes.</summary>
public sealed class SituationModel
{
    private readonly PredictionEnginePool<SentenceRow, BlameProbability> _pool;
    private readonly Embeddings.SentenceEmbedder _embedder;

    private SituationModel(PredictionEnginePool<SentenceRow, BlameProbability> pool, SituationModelInfo info, string version, Embeddings.SentenceEmbedder embedder)
    {
        _pool = pool;
        Info = info;
        Version = version;
        _embedder = embedder;
    }

    public SituationModelInfo Info { get; }

    /// <summary>A hash of the clause model's files (<see cref="ModelFile.ShortHash"/>): it decides which rewrites are offered.</summary>
    public string Version { get; }

    public static SituationModel Load(string modelsDirectory, Embeddings.SentenceEmbedder embedder)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        var info = SituationModelInfo.Load(Path.Combine(modelsDirectory, SituationModelInfo.FileName));
        var ml = new MLContext(seed: 1);
        var model = ModelFile.Load(ml, Path.Combine(modelsDirectory, SituationModelInfo.ModelFileName));
        string version = ModelFile.ShortHash(Path.Combine(modelsDirectory, SituationModelInfo.FileName), Path.Combine(modelsDirectory, SituationModelInfo.ModelFileName));
        return new SituationModel(new PredictionEnginePool<SentenceRow, BlameProbability>(ml, model), info, version, embedder);
    }

    /// <summary>What the model reads: the clause as it would stand in the rewrite.</summary>
    public static string InputOf(string clause) => "I feel upset when " + clause.Trim() + ".";

    /// <summary>
    /// For each clause, the probability that it reads well, says what happened and carries no blame. The clauses as
    /// they would stand are read by the encoder together, in one batch, when the model uses their vectors; the
    /// message's own vector comes from its reading, already made.
    /// </summary>
    /// <param name="clauses">The candidate "when" clauses.</param>
    /// <param name="messageVector">The message's vector (<see cref="Reading.MessageReading.Vector"/>).</param>
    /// <param name="vectorsOf">Reads the texts' vectors in one call, for a caller that caches readings; null reads them afresh.</param>
    public IReadOnlyList<float> Score(IReadOnlyList<string> clauses, float[] messageVector, Func<IReadOnlyList<string>, IReadOnlyList<float[]>>? vectorsOf = null)
    {
        ArgumentNullException.ThrowIfNull(clauses);
        if (clauses.Count == 0)
        {
            return [];
        }

        var inputs = clauses.Select(InputOf).ToList();
        bool vectors = Info.FeatureSet is FeatureSet.NGramsAndEmbedding or FeatureSet.NGramsEmbeddingAndContext;
        IReadOnlyList<float[]>? embeddings = vectors ? (vectorsOf ?? (texts => _embedder.EmbedTogether(texts)))(inputs) : null;
        return inputs
            .Select((input, i) => _pool.Predict(new SentenceRow
            {
                Text = input,
                Embedding = embeddings?[i] ?? new float[Embeddings.SentenceEmbedder.Dimensions],
                Context = messageVector,
                Heads = new float[Reading.MessageReading.DeciderFeatureCount],
            }).Probability)
            .ToList();
    }

    /// <summary>The probability for one clause (<see cref="Score(IReadOnlyList{string}, float[], Func{IReadOnlyList{string}, IReadOnlyList{float[]}})"/>).</summary>
    public float Score(string clause, float[] messageVector) => Score([clause], messageVector)[0];
}
