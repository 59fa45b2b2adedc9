using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CoachService.Core;
using CoachService.Core.Data;
using CoachService.Core.Detection;
using CoachService.Core.Embeddings;
using CoachService.Core.Rewriting;
using Microsoft.Extensions.DependencyInjection;

namespace CoachService.Training;

/// <summary>
/// Runs the rewriter over the hand-written evaluation messages in <c>models/eval/rewrite-messages.jsonl</c>,
/// checks every rewrite, and writes <c>models/eval/REWRITE_REPORT.md</c> with the figures and twenty rewrites
/// picked at random, so a reader can judge whether a person would send them.
/// </summary>
internal sealed partial class RewriteReport(TextWriter log)
{
    private const int Quoted = 20;

    private static readonly HashSet<string> StopWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "and", "you", "your", "you're", "yours", "that", "this", "with", "for", "are", "was", "were", "have", "has", "had",
        "not", "don't", "didn't", "can't", "won't", "just", "again", "always", "never", "every", "time", "what", "why", "how",
        "who", "when", "then", "than", "there", "their", "they", "them", "his", "her", "she", "him", "its", "it's", "our",
        "out", "all", "any", "but", "because", "about", "from", "into", "onto", "even", "ever", "once", "like", "really",
        "so", "too", "very", "get", "got", "one", "now", "still", "also", "some", "more", "most", "much", "being", "been",
        "does", "did", "doing", "done", "would", "could", "should", "will", "can", "may", "might", "must", "i'm", "i've",
        "me", "my", "mine", "myself", "yourself", "thanks", "thank", "wow", "great", "nice", "typical", "seriously", "ugh",
        "lol", "omg", "feel", "feels", "felt", "need", "need", "could", "we", "us", "let", "let's", "ok", "okay", "yeah",
    };

    public string Run(string repo, int seed)
    {
        string modelsDirectory = Path.Combine(repo, "models");
        using var services = CoachServiceCollectionExtensions.BuildCoachServices(new Dictionary<string, string?>
        {
            ["Coach:ModelsDirectory"] = modelsDirectory,
        });
        var embedder = services.GetRequiredService<SentenceEmbedder>();
        var analyzer = services.GetRequiredService<BlameAnalyzer>();
        var checks = services.GetRequiredService<RewriteChecks>();
        var rewriter = services.GetRequiredService<GentleRewriter>();
        float threshold = services.GetRequiredService<BlameClassifier>().Threshold;

        var messages = JsonLines.Read<EvalMessage>(Path.Combine(modelsDirectory, "eval", "rewrite-messages.jsonl")).ToList();

        var rows = new List<(EvalMessage Message, Rewrite Rewrite, IReadOnlyList<string> Problems, bool KeepsWord, float Similarity, float FullScore)>();
        var notFlagged = new List<EvalMessage>();
        var noRewrite = new List<EvalMessage>();
        foreach (var message in messages)
        {
            var analysis = analyzer.Analyze(message.Text);
            if (!analysis.IsBlame)
            {
                notFlagged.Add(message);
                continue;
            }

            var result = rewriter.Rewrite(analysis);
            if (result.Rewrites.Count == 0)
            {
                noRewrite.Add(message);
                continue;
            }

            float[] original = embedder.Embed(message.Text);
            foreach (var rewrite in result.Rewrites)
            {
                // Checked independently of the rewriter: every sentence of the whole suggested message.
                var full = analyzer.Analyze(rewrite.Text);
                var written = string.Join(' ', full.Sentences.Where(s => !message.Text.Contains(s.Span.Slice(rewrite.Text), StringComparison.Ordinal)).Select(s => s.Span.Slice(rewrite.Text)));
                rows.Add((message, rewrite, checks.Problems(written), KeepsContentWord(message.Text, rewrite.Text),
                    SentenceEmbedder.Cosine(original, embedder.Embed(rewrite.Text)), full.Score));
            }
        }

        log.WriteLine($"{messages.Count} messages, {rows.Count} rewrites, {notFlagged.Count} not flagged, {noRewrite.Count} without rewrite");
        return Render(messages, rows, notFlagged, noRewrite, threshold, seed);
    }

    private static bool KeepsContentWord(string original, string rewrite)
    {
        var words = Words(rewrite);
        return Words(original).Any(words.Contains);
    }

    private static HashSet<string> Words(string text) =>
        WordPattern().Matches(text.ToLowerInvariant()).Select(m => m.Value).Where(w => w.Length >= 3 && !StopWords.Contains(w)).ToHashSet();

    private static string Render(
        List<EvalMessage> messages,
        List<(EvalMessage Message, Rewrite Rewrite, IReadOnlyList<string> Problems, bool KeepsWord, float Similarity, float FullScore)> rows,
        List<EvalMessage> notFlagged, List<EvalMessage> noRewrite, float threshold, int seed)
    {
        static string P(int n, int d) => d == 0 ? "—" : (100.0 * n / d).ToString("F1", CultureInfo.InvariantCulture) + "%";
        var s = new StringBuilder();
        s.AppendLine("# Rewrite evaluation");
        s.AppendLine();
        s.AppendLine("Written by `dotnet run --project src/CoachService.Training -- rewrite-report`; do not edit by hand.");
        s.AppendLine($"Messages: {messages.Count} hand-written blaming messages in `models/eval/rewrite-messages.jsonl`, across all seven categories and fifteen concerns. Blame threshold {threshold.ToString("F2", CultureInfo.InvariantCulture)}.");
        s.AppendLine();
        s.AppendLine("## Coverage");
        s.AppendLine();
        s.AppendLine($"- Flagged as blame by the classifier (so rewritten): {messages.Count - notFlagged.Count} of {messages.Count} ({P(messages.Count - notFlagged.Count, messages.Count)}).");
        s.AppendLine($"- Flagged but not rewritten (no rewrite passed the checks, or the safety check flagged the message; the service says which): {noRewrite.Count}.");
        s.AppendLine($"- Rewrites returned: {rows.Count} (up to three styles a message).");
        s.AppendLine("- Every rewrite's situation is in the sender's own words: when none can be kept, there is no rewrite and the note guides the sender instead.");
        s.AppendLine();
        s.AppendLine("## Checks on every returned rewrite");
        s.AppendLine();
        s.AppendLine("| Check | Passing |");
        s.AppendLine("| --- | --- |");
        s.AppendLine($"| Whole rewritten message scores below the blame threshold (re-analysed sentence by sentence) | {P(rows.Count(r => r.FullScore < threshold), rows.Count)} |");
        foreach (var (code, label) in new[]
        {
            ("feeling_not_in_catalog", "Names a catalog feeling after \"I feel\""),
            ("absolute", "No never / always / every time / constantly"),
            ("character_label", "No \"you're\" + trait"),
            ("i_feel_like_you", "No \"I feel like / that you\""),
            ("placeholder", "No leftover placeholder"),
            ("doubled_word", "No doubled word"),
            ("lowercase_start", "Every sentence starts with a capital"),
            ("no_final_punctuation", "Every sentence ends with . ? or !"),
        })
        {
            s.AppendLine($"| {label} | {P(rows.Count(r => !r.Problems.Contains(code)), rows.Count)} |");
        }

        s.AppendLine();
        s.AppendLine("## Does the rewrite keep the concern?");
        s.AppendLine();
        s.AppendLine($"- Keeps at least one content word of the original: {P(rows.Count(r => r.KeepsWord), rows.Count)}.");
        s.AppendLine($"- Mean MiniLM sentence-embedding cosine similarity, original vs rewrite: {(rows.Count == 0 ? 0 : rows.Average(r => r.Similarity)).ToString("F3", CultureInfo.InvariantCulture)}.");
        s.AppendLine();
        s.AppendLine("| Style | Rewrites | Keeps a content word | Mean similarity |");
        s.AppendLine("| --- | --- | --- | --- |");
        foreach (var group in rows.GroupBy(r => r.Rewrite.Style))
        {
            s.AppendLine($"| {group.Key} | {group.Count()} | {P(group.Count(r => r.KeepsWord), group.Count())} | {group.Average(r => r.Similarity).ToString("F3", CultureInfo.InvariantCulture)} |");
        }

        s.AppendLine();
        s.AppendLine($"## Twenty rewrites picked at random (seed {seed})");
        s.AppendLine();
        var random = new Random(seed);
        foreach (var row in rows.OrderBy(_ => random.Next()).Take(Quoted))
        {
            s.AppendLine($"- **{row.Message.Category}, {row.Rewrite.Style}** — \"{row.Message.Text}\"");
            s.AppendLine($"  → \"{row.Rewrite.Text}\"");
        }

        if (notFlagged.Count > 0)
        {
            s.AppendLine();
            s.AppendLine("## Not flagged as blame, so not rewritten");
            s.AppendLine();
            foreach (var m in notFlagged)
            {
                s.AppendLine($"- {m.Category}: \"{m.Text}\"");
            }
        }

        var failing = rows.Where(r => r.Problems.Count > 0 || r.FullScore >= threshold).ToList();
        if (failing.Count > 0)
        {
            s.AppendLine();
            s.AppendLine("## Rewrites that fail a check");
            s.AppendLine();
            foreach (var r in failing)
            {
                s.AppendLine($"- {string.Join(", ", r.Problems)} (score {r.FullScore:F2}): \"{r.Rewrite.Text}\"");
            }
        }

        return s.ToString();
    }

    [GeneratedRegex(@"[a-z][a-z']+")]
    private static partial Regex WordPattern();

    private sealed record EvalMessage(string Id, string Text, string Category, string Concern);
}
