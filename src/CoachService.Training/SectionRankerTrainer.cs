using System.Globalization;
using CoachService.Core.Embeddings;
using CoachService.Core.Knowledge;
using Microsoft.ML;
using Microsoft.ML.Trainers;

namespace CoachService.Training;

/// <summary>
/// Trains the <see cref="SectionRanker"/>: a maximum-entropy model over the encoder's vectors, on the articles' own
/// texts (each labelled with its section) and the development query sets. The regularisation is chosen by leaving one
/// query set out at a time: the model that ranks a set was trained on the articles and the other sets only. The
/// held-out set (<see cref="HeldOutFile"/>) is neither trained on nor used to choose.
/// </summary>
internal sealed class SectionRankerTrainer(MLContext ml, SentenceEmbedder embedder, TextWriter log)
{
    /// <summary>The held-out query set, written blind in the ninth session; the ranker never sees it.</summary>
    public const string HeldOutFile = "retrieval-holdout-4.jsonl";

    private static readonly float[] L2Grid = [0.003f, 0.01f, 0.03f, 0.1f, 0.3f];

    public SectionRankerInfo Train(string repo, KnowledgeIndex index, string modelsDirectory)
    {
        ArgumentNullException.ThrowIfNull(index);
        var examples = index.Examples.Select(e => SectionRow.Of(e.Vector, e.Section)).ToList();
        var sets = SectionRankerInfo.DevelopmentFiles.Select(file =>
        {
            var queries = RetrievalQuery.LoadFile(Path.Combine(repo, "seeds", "eval", file));
            var vectors = embedder.Embed(queries.Select(q => q.Text).ToList());
            return (File: file, Rows: queries.Select((q, i) => SectionRow.Of(vectors[i], SectionText.CitationId(q.ArticleId, q.SectionId))).ToList());
        }).ToList();

        var folds = new List<SectionRankerFold>();
        foreach (float l2 in L2Grid)
        {
            foreach (var heldOut in sets)
            {
                var model = Fit([.. examples, .. sets.Where(s => s.File != heldOut.File).SelectMany(s => s.Rows)], l2);
                var ranker = new SectionRanker(ml, model, new SectionRankerInfo(l2, index.ArticlesHash, "", []));
                var ranks = heldOut.Rows.Select(r => Rank(ranker, r)).ToList();
                folds.Add(new SectionRankerFold(l2, heldOut.File, ranks.Count, ranks.Count(r => r <= 1), ranks.Count(r => r <= 3), ranks.Count(r => r <= 5)));
                log.WriteLine($"L2 {l2.ToString(CultureInfo.InvariantCulture)}, {heldOut.File} held out: top-3 {ranks.Count(r => r <= 3)}/{ranks.Count}");
            }
        }

        // The regularisation whose held-out sets found the most sections in the top 3 (then first), over all queries.
        float chosen = folds.GroupBy(f => f.L2Regularization)
            .OrderByDescending(g => g.Sum(f => f.Top3)).ThenByDescending(g => g.Sum(f => f.Top1)).ThenByDescending(g => g.Key)
            .First().Key;
        var final = Fit([.. examples, .. sets.SelectMany(s => s.Rows)], chosen);
        var info = new SectionRankerInfo(chosen, index.ArticlesHash, SectionRankerInfo.HashOfQueries(Path.Combine(repo, "seeds", "eval")), folds);
        ml.Model.Save(final, ml.Data.LoadFromEnumerable(Array.Empty<SectionRow>()).Schema, Path.Combine(modelsDirectory, SectionRankerInfo.ModelFileName));
        info.Save(Path.Combine(modelsDirectory, SectionRankerInfo.FileName));
        log.WriteLine($"section ranker: L2 {chosen.ToString(CultureInfo.InvariantCulture)}, trained on {examples.Count} article texts and {sets.Sum(s => s.Rows.Count)} queries");
        return info;
    }

    private Microsoft.ML.Data.TransformerChain<Microsoft.ML.Transforms.KeyToValueMappingTransformer> Fit(IReadOnlyList<SectionRow> rows, float l2)
    {
        var data = ml.Data.LoadFromEnumerable(rows);
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label", nameof(SectionRow.Section))
            .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
            {
                LabelColumnName = "Label",
                FeatureColumnName = nameof(SectionRow.Vector),
                L2Regularization = l2,
                L1Regularization = 0,
                NumberOfThreads = 1,
            }))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
        return pipeline.Fit(data);
    }

    /// <summary>The 1-based rank of the row's section among the ranker's probabilities.</summary>
    private static int Rank(SectionRanker ranker, SectionRow row)
    {
        var probabilities = ranker.Probabilities(row.Vector);
        float own = probabilities[row.Section];
        return 1 + probabilities.Values.Count(p => p > own);
    }
}
