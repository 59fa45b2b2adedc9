using System.Globalization;
using System.Text;
using CoachService.Core.Embeddings;
using CoachService.Core.Knowledge;

namespace CoachService.Training;

/// <summary>
/// Measures the article index on the hand-written query sets in <c>seeds/eval/</c> and writes
/// <c>models/eval/RETRIEVAL_REPORT.md</c>. The index's choices were made on the development sets
/// (<c>retrieval-queries*.jsonl</c>); <c>retrieval-holdout.jsonl</c> was
/// written by someone who saw neither them nor the "sounds like" lines, and chose nothing.
/// </summary>
internal sealed class RetrievalReport(SentenceEmbedder embedder, TextWriter log)
{
    public string Run(string repo)
    {
        var library = ArticleLibrary.LoadDirectory(Path.Combine(repo, "seeds"));
        var index = new KnowledgeIndex(library, embedder, Path.Combine(repo, "models", KnowledgeIndex.CacheFileName));
        var s = new StringBuilder();
        s.AppendLine("# Retrieval report");
        s.AppendLine();
        s.AppendLine("Written by `dotnet run --project src/CoachService.Training -- retrieval-report`; do not edit by hand.");
        s.AppendLine();
        s.AppendLine($"The index: {library.Articles.Count} articles, {library.Articles.Sum(a => a.Sections.Count)} sections, {index.Texts.Count} embedded texts (MiniLM, cosine; a section scores the mean of its best chunk, its prototype and its {KnowledgeIndex.ClosestVoices} closest \"sounds like\" lines or questions).");
        s.AppendLine();
        s.AppendLine("Scoring variants were compared and chosen on the development sets only. Each development set after the first was written blind as a held-out set and became development once its figures had been seen; the held-out set now in use was written last, by someone who saw none of the other sets, the \"sounds like\" lines or the scoring, and it chose nothing.");
        s.AppendLine();
        s.AppendLine("| Query set | Queries | Right section first | In the top 3 | In the top 5 |");
        s.AppendLine("| --- | --- | --- | --- | --- |");
        var misses = new List<string>();
        foreach (var (name, file) in new[] { ("Development", "retrieval-queries.jsonl"), ("Development", "retrieval-queries-2.jsonl"), ("Development", "retrieval-queries-3.jsonl"), ("**Held out**", "retrieval-holdout.jsonl") })
        {
            var queries = RetrievalQuery.LoadFile(Path.Combine(repo, "seeds", "eval", file));
            var ranks = queries.Select(q => Rank(index, q)).ToList();
            s.AppendLine($"| {name} `{file}` | {queries.Count} | {Share(ranks, 1)} | {Share(ranks, 3)} | {Share(ranks, 5)} |");
            log.WriteLine($"{file}: top-1 {Share(ranks, 1)}, top-3 {Share(ranks, 3)}, top-5 {Share(ranks, 5)}");
            misses.AddRange(queries.Zip(ranks).Where(x => x.Second > 3).Select(x => $"- `{file}` expected `{x.First.ArticleId}#{x.First.SectionId}` (rank {(x.Second == int.MaxValue ? "—" : x.Second.ToString(CultureInfo.InvariantCulture))}): {x.First.Text}"));
        }

        s.AppendLine();
        s.AppendLine($"## Queries whose section is not in the top 3 ({misses.Count})");
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

    private static string Share(List<int> ranks, int top) =>
        $"{ranks.Count(r => r <= top)}/{ranks.Count} = {(double)ranks.Count(r => r <= top) / ranks.Count:P0}".Replace(" %", "%", StringComparison.Ordinal);
}
