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
    public static int Write(string repo, string outPath, int every)
    {
        var rows = new List<(string id, string message, string sentence, string clause)>();
        foreach (var message in LabelledDataSet.LoadDirectory(Path.Combine(repo, "models", "data", "train")).Where((_, i) => i % every == 0))
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
        string[] developmentPanels = ["panel", .. Enumerable.Range(2, 7).Select(n => $"panel-{n}")];
        foreach (string file in developmentPanels.SelectMany(folder => Directory.GetFiles(Path.Combine(repo, "models", "eval", folder), "panel-*.jsonl")).Order(StringComparer.Ordinal))
        {
            foreach (var panel in JsonLines.Read<PanelMessage>(file))
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
        File.WriteAllLines(outPath, rows.Select(r => JsonSerializer.Serialize(new { cid = CandidateId(r.id, r.clause), r.id, r.message, r.sentence, r.clause })));
        return rows.Count;
    }

    internal static string CandidateId(string source, string clause) =>
        "h" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(source + "\0" + clause)))[..12];

    private sealed record PanelMessage(string Id, string Text);
}
