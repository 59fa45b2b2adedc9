using System.Text.Json.Serialization;
using CoachService.Core.Models;
using Microsoft.ML;

namespace CoachService.Core.Rewriting;

/// <summary>
/// The description of a learned check of a "when" clause (<see cref="SituationModel"/>). For the rewrite's check: would
/// "I feel upset when {clause}." be fluent, faithful to the message and free of blame? Trained on clauses people rated
/// (<c>models/data/situation</c>); a clause is used when the model's probability reaches <paramref name="Threshold"/>,
/// chosen by cross-validation for precision (a garbled or unfaithful rewrite costs more than a note that helps the
/// sender write it themselves). The questions' anchor check has the same form (<see cref="SituationModel.AnchorFileName"/>).
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
        var info = ModelFile.ReadDescription<SituationModelInfo>(path, "clause check");
        return info.Threshold is > 0 and < 1
            ? info
            : throw new InvalidDataException($"{path}: threshold {info.Threshold} must lie in (0, 1).");
    }

    public void Save(string path) => ModelFile.SaveDescription(path, this);
}

/// <summary>
/// The rewriter's learned checks. Two read a "when" clause, one for each place it stands: in a rewrite ("I feel upset
/// when {clause}.", <see cref="SituationModelInfo"/>), and as the anchor of the questions ("When {clause}, …?", seen
/// from the sender's side: <see cref="AnchorFileName"/>, trained by the trainer's <c>anchor</c> command on the blind
/// question panels). The third reads a whole rewrite beside the message it came from (<see cref="QualityScore"/>,
/// trained by the trainer's <c>rewrite-quality</c> command on the blind rewrite panels).
/// </summary>
public sealed class SituationModel
{
    /// <summary>The question anchor check's description and model (the same form as the rewrite check's).</summary>
    public const string AnchorFileName = "anchor-model.json";
    public const string AnchorModelFileName = "anchor.zip";

    /// <summary>The rewrite check's description and model (the same form as the clause check's).</summary>
    public const string QualityFileName = "rewrite-quality.json";
    public const string QualityModelFileName = "rewrite-quality.zip";

    private readonly Check _rewrite;
    private readonly Check _anchor;
    private readonly Check _quality;
    private readonly Embeddings.SentenceEmbedder _embedder;

    private SituationModel(Check rewrite, Check anchor, Check quality, string version, Embeddings.SentenceEmbedder embedder)
    {
        _rewrite = rewrite;
        _anchor = anchor;
        _quality = quality;
        Version = version;
        _embedder = embedder;
    }

    /// <summary>The rewrite check's description.</summary>
    public SituationModelInfo Info => _rewrite.Info;

    /// <summary>The question anchor check's description.</summary>
    public SituationModelInfo AnchorInfo => _anchor.Info;

    /// <summary>The rewrite check's description.</summary>
    public SituationModelInfo QualityInfo => _quality.Info;

    /// <summary>A hash of the three checks' files (<see cref="ModelFile.ShortHash"/>): they decide which rewrites and questions are offered.</summary>
    public string Version { get; }

    public static SituationModel Load(string modelsDirectory, Embeddings.SentenceEmbedder embedder)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        var ml = new MLContext(seed: 1);
        string[] files = [SituationModelInfo.FileName, SituationModelInfo.ModelFileName, AnchorFileName, AnchorModelFileName, QualityFileName, QualityModelFileName];
        var paths = files.Select(f => Path.Combine(modelsDirectory, f)).ToArray();
        Check Read(string description, string model) => new(
            new PredictionEnginePool<SentenceRow, BlameProbability>(ml, ModelFile.Load(ml, model)), SituationModelInfo.Load(description));
        return new SituationModel(Read(paths[0], paths[1]), Read(paths[2], paths[3]), Read(paths[4], paths[5]), ModelFile.ShortHash(paths), embedder);
    }

    /// <summary>What the rewrite check reads: the clause as it would stand in the rewrite.</summary>
    public static string InputOf(string clause) => "I feel upset when " + clause.Trim() + ".";

    /// <summary>What the anchor check reads: the clause as it stands at the head of the questions, from the sender's side.</summary>
    public static string AnchorInputOf(string view) => "When " + view.Trim() + ",";

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
        return Probabilities(_rewrite, clauses.Select(InputOf).ToList(), messageVector, vectorsOf);
    }

    /// <summary>The probability for one clause (<see cref="Score(IReadOnlyList{string}, float[], Func{IReadOnlyList{string}, IReadOnlyList{float[]}})"/>).</summary>
    public float Score(string clause, float[] messageVector) => Score([clause], messageVector)[0];

    /// <summary>
    /// The probability that questions hung on this clause ("When {view}, …?") do not put the sender off, as blind
    /// raters judged such questions; below <see cref="AnchorInfo"/>'s threshold no question is composed on it.
    /// </summary>
    /// <param name="view">The clause from the sender's side, as the questions put it.</param>
    /// <param name="messageVector">The message's vector from its reading.</param>
    /// <param name="vectorsOf">Reads the clause's vector, for a caller that caches readings per client; null reads it afresh.</param>
    /// <param name="cancellationToken">Cancels reading the clause afresh.</param>
    public float AnchorScore(string view, float[] messageVector, Func<IReadOnlyList<string>, IReadOnlyList<float[]>>? vectorsOf = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(view);
        return Probabilities(_anchor, [AnchorInputOf(view)], messageVector, vectorsOf ?? (texts => _embedder.EmbedTogether(texts, cancellationToken)))[0];
    }

    /// <summary>
    /// The probability that a blind reader would rate the rewrite yes on all four questions (would send it, concern kept,
    /// blame-free, fluent), read beside the message it came from; below <see cref="QualityInfo"/>'s threshold the
    /// rewrite is not offered.
    /// </summary>
    /// <param name="original">The message as the sender wrote it.</param>
    /// <param name="rewrite">The suggested message, as the blame re-check read it.</param>
    /// <param name="originalVector">The message's vector from its reading.</param>
    /// <param name="rewriteVector">The suggested message's vector from its reading (the re-check's).</param>
    public float QualityScore(string original, string rewrite, float[] originalVector, float[] rewriteVector)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(rewrite);
        return _quality.Pool.Predict(new SentenceRow
        {
            Text = rewrite,
            Embedding = rewriteVector,
            Context = originalVector,
            Heads = new float[Reading.MessageReading.DeciderFeatureCount],
            Pair = RewritePair.Features(original, rewrite),
        }).Probability;
    }

    private List<float> Probabilities(Check check, List<string> inputs, float[] messageVector, Func<IReadOnlyList<string>, IReadOnlyList<float[]>>? vectorsOf)
    {
        if (inputs.Count == 0)
        {
            return [];
        }

        bool vectors = check.Info.FeatureSet is FeatureSet.NGramsAndEmbedding or FeatureSet.NGramsEmbeddingAndContext;
        IReadOnlyList<float[]>? embeddings = vectors ? (vectorsOf ?? (texts => _embedder.EmbedTogether(texts)))(inputs) : null;
        return inputs
            .Select((input, i) => check.Pool.Predict(new SentenceRow
            {
                Text = input,
                Embedding = embeddings?[i] ?? new float[Embeddings.SentenceEmbedder.Dimensions],
                Context = messageVector,
                Heads = new float[Reading.MessageReading.DeciderFeatureCount],
            }).Probability)
            .ToList();
    }

    private sealed record Check(PredictionEnginePool<SentenceRow, BlameProbability> Pool, SituationModelInfo Info);
}
