using System.Text.Json.Serialization;
using CoachService.Core.Embeddings;
using CoachService.Core.Models;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace CoachService.Core.Knowledge;

/// <summary>
/// What the section ranker was trained on and how (<c>models/section-ranker.json</c>): its L2 regularisation, chosen
/// by cross-validation; the hash of the article texts and encoder it was trained for (<see cref="EmbeddingCache.HashOf"/>),
/// so an index of other articles does not use it; the hash of the development queries it was trained on
/// (<see cref="HashOfQueries"/>); and the cross-validation it was chosen by.
/// </summary>
public sealed record SectionRankerInfo(
    [property: JsonRequired] float L2Regularization,
    [property: JsonRequired] string ArticlesHash,
    [property: JsonRequired] string QueriesHash,
    [property: JsonRequired] IReadOnlyList<SectionRankerFold> CrossValidation)
{
    public const string FileName = "section-ranker.json";
    public const string ModelFileName = "section-ranker.zip";

    /// <summary>The development query sets in <c>seeds/eval/</c>: trained on, and each held out in turn to choose the regularisation.</summary>
    public static readonly IReadOnlyList<string> DevelopmentFiles =
        ["retrieval-queries.jsonl", "retrieval-queries-2.jsonl", "retrieval-queries-3.jsonl", "retrieval-holdout.jsonl"];

    /// <summary>
    /// A hash of the development query files' bytes, in order, so a ranker trained before a query set was edited can be
    /// told apart (its cross-validation figures would no longer be true).
    /// </summary>
    /// <param name="evalDirectory">The folder holding the query files (<c>seeds/eval/</c>).</param>
    public static string HashOfQueries(string evalDirectory) =>
        ModelFile.ShortHash([.. DevelopmentFiles.Select(f => Path.Combine(evalDirectory, f))]);

    public static SectionRankerInfo Load(string path) => ModelFile.ReadDescription<SectionRankerInfo>(path, "section ranker");

    public void Save(string path) => ModelFile.SaveDescription(path, this);
}

/// <summary>
/// One cell of the ranker's cross-validation: a regularisation, the query set held out, and how many of its queries
/// found their section first, in the top 3 and in the top 5, ranked by a model trained without that set.
/// </summary>
public sealed record SectionRankerFold(float L2Regularization, string HeldOut, int Queries, int Top1, int Top3, int Top5);

/// <summary>What the ranker reads: a text's vector and, when training, the section (citation id) it belongs to.</summary>
public sealed class SectionRow
{
    [VectorType(SentenceEmbedder.Dimensions)]
    public float[] Vector { get; set; } = [];

    public string Section { get; set; } = "";

    /// <summary>A row for a vector, scaled to unit length (a query vector mixed with a concern's is not).</summary>
    public static SectionRow Of(float[] vector, string section = "")
    {
        ArgumentNullException.ThrowIfNull(vector);
        var unit = (float[])vector.Clone();
        float norm = System.Numerics.Tensors.TensorPrimitives.Norm(unit);
        if (norm > 0)
        {
            System.Numerics.Tensors.TensorPrimitives.Divide(unit, norm, unit);
        }

        return new SectionRow { Vector = unit, Section = section };
    }
}

/// <summary>
/// A multi-class ML.NET model (maximum entropy) over the encoder's vectors that gives, for a query, the probability
/// of each article section. It is trained on the articles' own texts (paragraphs, headings, questions and "sounds
/// like" lines, each labelled with its section) and on the development query sets in <c>seeds/eval/</c>. Cosine
/// similarity to a section's texts cannot tell which words set it apart from its neighbours; a model trained on all
/// 58 sections together learns that. The trainer's <c>index</c> step writes it; the figures are in
/// <c>models/eval/RETRIEVAL_REPORT.md</c>.
/// </summary>
public sealed class SectionRanker
{
    private readonly PredictionEnginePool<SectionRow, ClassPrediction> _pool;
    private readonly string[] _sections;

    public SectionRanker(MLContext ml, ITransformer model, SectionRankerInfo info)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(model);
        _pool = new PredictionEnginePool<SectionRow, ClassPrediction>(ml, model);
        _sections = ModelFile.ClassLabels<SectionRow>(ml, model);
        Info = info;
    }

    public SectionRankerInfo Info { get; }

    /// <summary>A hash of the ranker's files (<see cref="ModelFile.ShortHash"/>), for /v1/version.</summary>
    public string Version { get; private init; } = "";

    /// <summary>The sections the model knows, as citation ids.</summary>
    public IReadOnlyList<string> Sections => _sections;

    public static SectionRanker Load(string modelsDirectory)
    {
        var info = SectionRankerInfo.Load(Path.Combine(modelsDirectory, SectionRankerInfo.FileName));
        var ml = new MLContext(seed: 1);
        string model = Path.Combine(modelsDirectory, SectionRankerInfo.ModelFileName);
        return new SectionRanker(ml, ModelFile.Load(ml, model), info)
        {
            Version = ModelFile.ShortHash(Path.Combine(modelsDirectory, SectionRankerInfo.FileName), model),
        };
    }

    /// <summary>Each section's probability for the query, by citation id.</summary>
    public IReadOnlyDictionary<string, float> Probabilities(float[] queryVector)
    {
        var scores = _pool.Predict(SectionRow.Of(queryVector)).Scores;
        var probabilities = new Dictionary<string, float>(_sections.Length, StringComparer.Ordinal);
        for (int i = 0; i < _sections.Length; i++)
        {
            probabilities[_sections[i]] = scores[i];
        }

        return probabilities;
    }
}
