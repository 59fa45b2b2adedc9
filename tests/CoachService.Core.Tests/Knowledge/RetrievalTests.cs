using CoachService.Core.Embeddings;
using CoachService.Core.Knowledge;

namespace CoachService.Core.Tests.Knowledge;

[Collection(DetectionModelsGroup.Name)]
public class RetrievalTests(DetectionFixture models)
{
    private static IReadOnlyList<RetrievalQuery> Queries(string file = "retrieval-queries.jsonl") =>
        RetrievalQuery.LoadFile(Path.Combine(RepositoryPaths.Root, "seeds", "eval", file));

    /// <summary>
    /// Guarded at the levels measured with the section ranker, see models/eval/RETRIEVAL_REPORT.md (2026-12-06, ninth
    /// session). The development sets are trained on, so they only guard against a ranker that no longer learns them
    /// (their cross-validated figures, each set ranked by a model trained without it, are in the report);
    /// the held-out set, written blind for the ranker and never trained on, was measured at 113 of 116 (ranking by
    /// similarity alone: 98 of 116). The questions issue asks for 90%.
    /// </summary>
    [Theory]
    [InlineData("retrieval-queries.jsonl", 0.95)]
    [InlineData("retrieval-queries-2.jsonl", 0.95)]
    [InlineData("retrieval-queries-3.jsonl", 0.95)]
    [InlineData("retrieval-holdout.jsonl", 0.95)]
    [InlineData("retrieval-holdout-4.jsonl", 0.97)]
    public void Search_HandWrittenQueries_FindTheRightSectionInTheTopThreeNoLessOftenThanMeasured(string file, double measured)
    {
        var queries = Queries(file);

        var misses = queries
            .Where(q => !models.Index.Search(q.Text, 3).Any(q.IsAnsweredBy))
            .Select(q => $"{q.ArticleId}#{q.SectionId}: {q.Text}")
            .ToList();

        double hitRate = 1 - (double)misses.Count / queries.Count;
        Assert.True(queries.Count >= 40, $"only {queries.Count} queries");
        Assert.True(hitRate >= measured, $"top-3 hit rate {hitRate:P1}; missed:\n{string.Join('\n', misses)}");
    }

    [Fact]
    public void CommittedRanker_WasTrainedOnTheseArticlesAndThisEncoder()
    {
        Assert.True(
            models.Index.RankedByModel,
            "models/section-ranker.* was trained on other articles or another encoder: run `dotnet run -c Release --project src/CoachService.Training -- index` and commit it.");
    }

    [Fact]
    public void CommittedRanker_WasTrainedOnTheCurrentDevelopmentQueries()
    {
        var ranker = SectionRanker.Load(RepositoryPaths.Models);

        Assert.True(
            ranker.Info.QueriesHash == SectionRankerInfo.HashOfQueries(Path.Combine(RepositoryPaths.Root, "seeds", "eval")),
            "seeds/eval/ changed since models/section-ranker.* was trained: run `dotnet run -c Release --project src/CoachService.Training -- index` and commit it.");
    }

    [Fact]
    public void Search_ArticlesTheRankerWasNotTrainedOn_RankBySimilarity()
    {
        string seeds = Directory.CreateTempSubdirectory("coach-own-articles-").FullName;
        File.WriteAllLines(Path.Combine(seeds, "gardening.md"),
        [
            "---", "id: gardening", "title: Gardening Together", "summary: Sharing a garden.", "---",
            "## Watering {#watering}", "Plants need water in the evening when the soil is dry.",
            "Reflect:", "- Who waters on the hot days? {for: both; any}", "- What would help you remember? {for: sender; any}",
            "## Planting {#planting}", "Bulbs go into the ground in autumn, a hand's depth down.",
            "Reflect:", "- Which bulbs would you like next spring? {for: sender; any}", "- Where should they go? {for: both; any}",
        ]);
        try
        {
            var ranker = SectionRanker.Load(RepositoryPaths.Models);

            var index = new KnowledgeIndex(ArticleLibrary.LoadDirectory(seeds), models.Embedder, cachePath: null, ranker);
            var best = index.Search("when should i put the tulip bulbs in the ground", 1)[0];

            Assert.False(index.RankedByModel);
            Assert.Equal("planting", best.Section.Id);
        }
        finally
        {
            Directory.Delete(seeds, recursive: true);
        }
    }

    [Fact]
    public void Queries_PointAtSectionsThatExist()
    {
        var library = models.Index.Library;

        var files = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "seeds", "eval"), "retrieval-*.jsonl").Select(Path.GetFileName);

        Assert.All(files.SelectMany(f => Queries(f!)), q => Assert.Contains(library.Find(q.ArticleId)!.Sections, s => s.Id == q.SectionId));
    }

    [Fact]
    public void CommittedIndexCache_MatchesTheArticles()
    {
        string cache = Path.Combine(RepositoryPaths.Models, KnowledgeIndex.CacheFileName);

        Assert.True(
            EmbeddingCache.IsCurrent(cache, models.Index.Texts, models.Embedder.Version),
            "seeds/ changed since models/knowledge-index.bin was built: run `dotnet run --project src/CoachService.Training -- index` and commit it.");
    }
}
