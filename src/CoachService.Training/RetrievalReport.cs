using System.Globalization;
using System.Text;
using CoachService.Core.Embeddings;
using CoachService.Core.Knowledge;

namespace CoachService.Training;

/// <summary>
/// Measures the article index on the hand-written query sets in <c>seeds/eval/</c> and writes
/// <c>models/eval/RETRIEVAL_REPORT.md</c>: <c>retrieval-queries.jsonl</c> is the development set (index
/// choices were made on it); <c>retrieval-holdout.jsonl</c> was written later by someone who saw neither it
/// nor the "sounds like" lines.
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
        s.AppendLine($"The index: {library.Articles.Count} articles, {library.Articles.Sum(a => a.Sections.Count)} sections, {index.Texts.Count} embedded texts (MiniLM, cosine; a section scores as its best chunk).");
        s.AppendLine();
        s.AppendLine("Scoring variants were compared on the development set and the best one there was kept (half the best chunk, half the section's prototype of \"sounds like\" lines and questions). The held-out set's figures were printed alongside in that comparison but chose nothing.");
        s.AppendLine();
        s.AppendLine("| Query set | Queries | Right section first | In the top 3 | In the top 5 |");
        s.AppendLine("| --- | --- | --- | --- | --- |");
        var misses = new List<string>();
        foreach (var (name, file) in new[] { ("Development (index choices compared here)", "retrieval-queries.jsonl"), ("**Held out**", "retrieval-holdout.jsonl") })
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
