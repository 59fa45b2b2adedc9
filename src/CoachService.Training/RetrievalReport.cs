using System.Globalization;
using System.Text;
using CoachService.Core.Embeddings;
using CoachService.Core.Knowledge;

namespace CoachService.Training;

/// <summary>
/// Measures the article index on the hand-written query sets in <c>seeds/eval/</c> and writes
/// <c>models/eval/RETRIEVAL_REPORT.md</c>: the section ranker (by cross-validation on the development sets, each
/// ranked by a model trained without it; as shipped on the held-out set) beside ranking by similarity alone.
/// </summary>
internal sealed class RetrievalReport(SentenceEmbedder embedder, TextWriter log)
{
    public string Run(string repo)
    {
        var library = ArticleLibrary.LoadDirectory(Path.Combine(repo, "seeds"));
        string models = Path.Combine(repo, "models");
        var ranker = SectionRanker.Load(models);
        var ranked = new KnowledgeIndex(library, embedder, Path.Combine(models, KnowledgeIndex.CacheFileName), ranker);
        if (!ranked.RankedByModel)
        {
            throw new InvalidOperationException("models/section-ranker.* was not trained on these articles: run the trainer's index step first.");
        }

        if (ranker.Info.QueriesHash != SectionRankerInfo.HashOfQueries(Path.Combine(repo, "seeds", "eval")))
        {
            throw new InvalidOperationException("seeds/eval/ changed since models/section-ranker.* was trained: run the trainer's index step first.");
        }

        var bySimilarity = new KnowledgeIndex(library, embedder, Path.Combine(models, KnowledgeIndex.CacheFileName));
        var chosen = ranker.Info.CrossValidation.Where(f => f.L2Regularization == ranker.Info.L2Regularization).ToList();
        var s = new StringBuilder();
        s.AppendLine("# Retrieval report");
        s.AppendLine();
        s.AppendLine("Written by `dotnet run -c Release --project src/CoachService.Training -- retrieval-report` (after `-- index`, which trains the ranker); do not edit by hand.");
        s.AppendLine();
        s.AppendLine($"The index: {library.Articles.Count} articles, {library.Articles.Sum(a => a.Sections.Count)} sections, {ranked.Texts.Count} embedded texts. Sections are ranked by the section ranker, a maximum-entropy model (ML.NET) over the encoder's vectors trained on {ranked.Examples.Count} of the articles' texts (paragraphs, headings, questions and \"sounds like\" lines, each labelled with its section) and the {SectionRankerInfo.DevelopmentFiles.Count} development query sets. \"Similarity\" is the scoring used before it (the mean of a section's best chunk, its prototype and its {KnowledgeIndex.ClosestVoices} closest \"sounds like\" lines or questions), kept for articles the ranker was not trained on.");
        s.AppendLine();
        s.AppendLine($"The ranker's figures on a development set are cross-validated: that set was ranked by a model trained on the articles and the other development sets only. Its L2 regularisation ({ranker.Info.L2Regularization.ToString(CultureInfo.InvariantCulture)}) was chosen by that cross-validation. The held-out set `{SectionRankerTrainer.HeldOutFile}` was written blind in the ninth session, before the ranker existed, by two writers who saw no repository file, query set or scoring (`seeds/eval/HELPER_BRIEF_HOLDOUT_4.txt`); it was neither trained on nor used to choose. `retrieval-holdout.jsonl`, held out until then, had been read and is development data.");
        s.AppendLine();
        s.AppendLine("| Query set | Queries | Similarity: first | top 3 | top 5 | Ranker: first | top 3 | top 5 |");
        s.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- |");
        var misses = new List<string>();
        foreach (string file in SectionRankerInfo.DevelopmentFiles)
        {
            var queries = RetrievalQuery.LoadFile(Path.Combine(repo, "seeds", "eval", file));
            var ranks = queries.Select(q => Rank(bySimilarity, q)).ToList();
            var fold = chosen.Single(f => f.HeldOut == file);
            s.AppendLine($"| Development `{file}` | {queries.Count} | {Share(ranks, 1)} | {Share(ranks, 3)} | {Share(ranks, 5)} | {Share(fold.Top1, fold.Queries)} | {Share(fold.Top3, fold.Queries)} | {Share(fold.Top5, fold.Queries)} |");
        }

        {
            var queries = RetrievalQuery.LoadFile(Path.Combine(repo, "seeds", "eval", SectionRankerTrainer.HeldOutFile));
            var similarity = queries.Select(q => Rank(bySimilarity, q)).ToList();
            var ranks = queries.Select(q => Rank(ranked, q)).ToList();
            s.AppendLine($"| **Held out** `{SectionRankerTrainer.HeldOutFile}` | {queries.Count} | {Share(similarity, 1)} | {Share(similarity, 3)} | {Share(similarity, 5)} | {Share(ranks, 1)} | **{Share(ranks, 3)}** | {Share(ranks, 5)} |");
            log.WriteLine($"{SectionRankerTrainer.HeldOutFile}: similarity top-3 {Share(similarity, 3)}; ranker top-1 {Share(ranks, 1)}, top-3 {Share(ranks, 3)}, top-5 {Share(ranks, 5)}");
            misses.AddRange(queries.Zip(ranks).Where(x => x.Second > 3).Select(x => $"- expected `{x.First.ArticleId}#{x.First.SectionId}` (rank {x.Second.ToString(CultureInfo.InvariantCulture)}): {x.First.Text}"));
        }

        s.AppendLine();
        s.AppendLine("## Cross-validation of the ranker's regularisation");
        s.AppendLine();
        s.AppendLine("Top 3, each development set ranked by a model trained without it.");
        s.AppendLine();
        s.AppendLine($"| L2 | {string.Join(" | ", SectionRankerInfo.DevelopmentFiles.Select(f => $"`{f}`"))} | All |");
        s.AppendLine($"| --- | {string.Join(" | ", SectionRankerInfo.DevelopmentFiles.Select(_ => "---"))} | --- |");
        foreach (var group in ranker.Info.CrossValidation.GroupBy(f => f.L2Regularization))
        {
            string l2 = group.Key.ToString(CultureInfo.InvariantCulture);
            s.AppendLine($"| {(group.Key == ranker.Info.L2Regularization ? $"**{l2}**" : l2)} | {string.Join(" | ", group.Select(f => Share(f.Top3, f.Queries)))} | {Share(group.Sum(f => f.Top3), group.Sum(f => f.Queries))} |");
        }

        s.AppendLine();
        s.AppendLine($"## Held-out queries whose section the ranker does not put in the top 3 ({misses.Count})");
        s.AppendLine();
        s.AppendLine("Listing them makes the held-out set development data for whoever reads them: write a new one before the next change to retrieval.");
        s.AppendLine();
        misses.ForEach(m => s.AppendLine(m));
        return s.ToString();
    }

    /// <summary>The 1-based rank of the expected section among all sections.</summary>
    private static int Rank(KnowledgeIndex index, RetrievalQuery query)
    {
        var matches = index.Search(query.Text, int.MaxValue);
        int i = matches.ToList().FindIndex(query.IsAnsweredBy);
        return i < 0 ? int.MaxValue : i + 1;
    }

    private static string Share(List<int> ranks, int top) => Share(ranks.Count(r => r <= top), ranks.Count);

    private static string Share(int hits, int count) =>
        string.Create(CultureInfo.InvariantCulture, $"{hits}/{count} = {(double)hits / count:P0}").Replace(" %", "%", StringComparison.Ordinal);
}
