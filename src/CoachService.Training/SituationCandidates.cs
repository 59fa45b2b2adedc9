using System.Text.Json;
using CoachService.Core.Data;
using CoachService.Core.Rewriting;
using CoachService.Core.Text;

namespace CoachService.Training;

/// <summary>
/// Writes the "when" clauses the rewriter's extractor gives for blaming sentences, for people to label (is it a
/// fluent, blame-free, faithful "when" clause?): the training split's blame sentences, with their annotated cues,
/// and every sentence of the read rewrite panels' messages (development data, never a test split).
/// </summary>
internal static class SituationCandidates
{
    /// <param name="repo">The repository's root.</param>
    /// <param name="outPath">Where the candidates go.</param>
    /// <param name="every">Keep every Nth message (of the training split, or of the panels when <paramref name="panels"/> is given).</param>
    /// <param name="panels">A later round: only these read development panels' messages (not the training split),
    /// and only the clauses not already in <c>models/data/situation/candidates.jsonl</c>. Null: the first round
    /// (the training split and panels 1 to 8).</param>
    public static int Write(string repo, string outPath, int every, (int From, int To)? panels = null)
    {
        var rows = new List<(string id, string message, string sentence, string clause)>();
        foreach (var message in LabelledDataSet.LoadDirectory(Path.Combine(repo, "models", "data", "train")).Where((_, i) => panels is null && i % every == 0))
        {
            foreach (var (sentence, index) in message.Sentences.Select((s, i) => (s, i)).Where(x => x.s.Blame))
            {
                foreach (var (situation, _) in GentleRewriter.Candidates([sentence.Text], sentence.Cues ?? []))
                {
                    rows.Add(($"{message.Id}#{index}", message.Text, sentence.Text, situation));
                }
            }
        }

        // Only the panels read during development (1 to 8): panel 9 is the fourth test split's blaming messages and
        // panel 10 measures the final version, so neither may ever become training data.
        // A later round names the panels it adds (each read or rated during development, never the fresh panel that
        // will measure the retrained check, nor panel 9).
        if (panels is { } asked && asked.From <= 9 && asked.To >= 9)
        {
            throw new ArgumentException("Panel 9 is the fourth detection test split's blaming messages: it may not become training data.");
        }

        string[] developmentPanels = panels is { } range
            ? Enumerable.Range(range.From, range.To - range.From + 1).Select(n => $"panel-{n}").ToArray()
            : ["panel", .. Enumerable.Range(2, 7).Select(n => $"panel-{n}")];
        foreach (string file in developmentPanels.SelectMany(folder => Directory.GetFiles(Path.Combine(repo, "models", "eval", folder), "panel-*.jsonl")).Order(StringComparer.Ordinal))
        {
            foreach (var panel in JsonLines.Read<PanelDraft>(file).Where((_, i) => panels is null || i % every == 0))
            {
                var spans = SentenceSplitter.Split(panel.Text);
                for (int i = 0; i < spans.Count; i++)
                {
                    string sentence = spans[i].Slice(panel.Text).Trim();
                    foreach (var (situation, _) in GentleRewriter.Candidates([sentence], []))
                    {
                        rows.Add(($"{panel.Id}#{i}", panel.Text, sentence, situation));
                    }
                }
            }
        }

        // Each candidate gets the id its ratings name it by: a hash of where it comes from and the clause, so the same
        // candidate keeps its id from one run to the next, and no new one takes the sequential ids (c0000, …) of the
        // clauses rated in the first round.
        var known = panels is null ? new HashSet<string>(StringComparer.Ordinal)
            : File.ReadLines(Path.Combine(repo, "models", "data", "situation", "candidates.jsonl"))
                .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("cid").GetString()!).ToHashSet(StringComparer.Ordinal);
        var fresh = rows.Select(r => (cid: CandidateId(r.id, r.clause), r)).Where(x => known.Add(x.cid)).ToList();
        File.WriteAllLines(outPath, fresh.Select(x => JsonSerializer.Serialize(new { x.cid, x.r.id, x.r.message, x.r.sentence, x.r.clause })));
        return fresh.Count;
    }

    internal static string CandidateId(string source, string clause) =>
        "h" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(source + "\0" + clause)))[..12];

}
