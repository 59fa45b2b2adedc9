using System.Globalization;
using System.Text;
using System.Text.Json;
using CoachService.Core;
using CoachService.Core.Data;
using Microsoft.Extensions.DependencyInjection;

namespace CoachService.Training;

/// <summary>
/// The blind rewrite panel. <c>write</c> runs the coach as the service does (template engine, no LLM) over the
/// panel messages in a panel folder's <c>panel-*.jsonl</c> (<c>models/eval/panel/</c> by default, or the one
/// <c>--panel</c> names; written blind, never used to tune) and writes its <c>rewrites.jsonl</c>: each message with its first rewrite, or the note the sender got
/// instead. Raters who see only those pairs score each rewrite 0/1 on four questions, with a reason, into
/// <c>ratings-*.jsonl</c>; <c>report</c> turns their ratings into <c>REWRITE_PANEL.md</c>, quoting every failure.
/// </summary>
internal static class RewritePanel
{
    public static readonly string[] Questions = ["would_send", "concern_kept", "blame_free", "fluent"];

    /// <summary>One pair as the raters see it: the original, and the rewrite (null when the sender got a note instead).</summary>
    internal sealed record Pair(string Id, string Original, string? Rewrite, string? Note);

    /// <summary>A message and the reflective questions the service asked (for the question panel).</summary>
    internal sealed record QuestionSet(string Id, string Original, IReadOnlyList<string> Questions);

    public static readonly string[] QuestionQuestions = ["relevant", "right_person", "off_putting"];

    private sealed record QuestionRating(string Id, int Index, Dictionary<string, int> Scores, Dictionary<string, string>? Reasons);

    private sealed record Rating(string Id, Dictionary<string, int> Scores, Dictionary<string, string>? Reasons, string? Reason);

    public static string Write(string repo, string panel, int seed, TextWriter log)
    {
        using var services = CoachServiceCollectionExtensions.BuildCoachServices(new Dictionary<string, string?>
        {
            ["Coach:ModelsDirectory"] = Path.Combine(repo, "models"),
        });
        var coach = services.GetRequiredService<MessageCoach>();
        var messages = PanelDraft.ReadFolder(panel).ToList();
        var pairs = new List<Pair>();
        var questionSets = new List<QuestionSet>();
        foreach (var message in messages)
        {
            var result = coach.RewriteAsync(message.Text, styles: null, includeQuestions: true).GetAwaiter().GetResult();
            pairs.Add(new Pair(message.Id, message.Text, result.Rewrites.Count > 0 ? result.Rewrites[0].Text : null, result.Rewrites.Count == 0 ? result.Note : null));
            questionSets.Add(new QuestionSet(message.Id, message.Text, result.Questions.Select(q => q.Text).ToList()));
        }

        string path = Path.Combine(panel, "rewrites.jsonl");
        File.WriteAllLines(path, pairs.Select(p => JsonSerializer.Serialize(p, JsonSerializerOptions.Web)));
        File.WriteAllLines(Path.Combine(panel, "questions.jsonl"), questionSets.Select(q => JsonSerializer.Serialize(q, JsonSerializerOptions.Web)));
        log.WriteLine($"wrote {path}: {pairs.Count(p => p.Rewrite is not null)} rewrites, {pairs.Count(p => p.Rewrite is null)} notes");

        var random = new Random(seed);
        var quoted = pairs.Where(p => p.Rewrite is not null).OrderBy(_ => random.Next()).Take(10);
        return string.Join('\n', quoted.Select(p => $"- {p.Id}: \"{p.Original}\" → \"{p.Rewrite}\""));
    }

    public static string Report(string panel)
    {
        var pairs = JsonLines.Read<Pair>(Path.Combine(panel, "rewrites.jsonl")).ToDictionary(p => p.Id);
        var ratings = Directory.GetFiles(panel, "ratings-*.jsonl").Order(StringComparer.Ordinal)
            .SelectMany(file => JsonLines.Read<Rating>(file))
            .Where(r => pairs.ContainsKey(r.Id) && pairs[r.Id].Rewrite is not null)
            .GroupBy(r => r.Id).Select(g => g.First())
            .ToList();
        static string P(int n, int of) => of == 0 ? "-" : (n / (double)of).ToString("P0", CultureInfo.InvariantCulture);
        var s = new StringBuilder();
        int rewritten = pairs.Values.Count(p => p.Rewrite is not null);
        s.AppendLine("# Rewrite panel (blind)");
        s.AppendLine();
        s.AppendLine("Pairs written by `dotnet run -c Release --project src/CoachService.Training -- rewrite-panel write`; this report by `-- rewrite-panel report` from the raters' files. Raters saw only the original message and the rewrite (brief: `RATER_BRIEF.txt`).");
        s.AppendLine();
        s.AppendLine($"- Messages: {pairs.Count} blaming messages written blind (`panel-*.jsonl`). A rewrite was offered for {rewritten} ({P(rewritten, pairs.Count)}); the others got a note instead (no blame found, a safety answer, or no rewrite the service was confident in).");
        foreach (var group in pairs.Values.Where(p => p.Rewrite is null).GroupBy(p => p.Note ?? "").OrderByDescending(g => g.Count()))
        {
            s.AppendLine($"  - {group.Count()} got: \"{group.Key}\"");
        }

        s.AppendLine($"- Rated: {ratings.Count} rewrites.");
        s.AppendLine();
        s.AppendLine("| Question | Share of rated rewrites |");
        s.AppendLine("| --- | --- |");
        foreach (string q in Questions)
        {
            s.AppendLine($"| {q} | {P(ratings.Count(r => r.Scores.GetValueOrDefault(q) == 1), ratings.Count)} |");
        }

        int all = ratings.Count(r => Questions.All(q => r.Scores.GetValueOrDefault(q) == 1));
        s.AppendLine($"| **all four** | **{P(all, ratings.Count)}** |");
        s.AppendLine();
        s.AppendLine($"Of all {pairs.Count} messages, {all} ({P(all, pairs.Count)}) got a rewrite rated yes on all four.");
        s.AppendLine();
        s.AppendLine("## Every rewrite that failed a question");
        s.AppendLine();
        foreach (var r in ratings.Where(r => Questions.Any(q => r.Scores.GetValueOrDefault(q) != 1)).OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            var pair = pairs[r.Id];
            string failed = string.Join(", ", Questions.Where(q => r.Scores.GetValueOrDefault(q) != 1));
            string why = r.Reasons is { Count: > 0 } ? string.Join("; ", Questions.Where(q => r.Scores.GetValueOrDefault(q) != 1 && r.Reasons.ContainsKey(q)).Select(q => r.Reasons[q])) : r.Reason ?? "";
            s.AppendLine($"- **{r.Id}** ({failed}): \"{pair.Original}\" → \"{pair.Rewrite}\" — {why}");
        }

        return s.ToString();
    }

    /// <summary>The question panel's report: shares per question asked, how many messages got a relevant one, and variety.</summary>
    public static string QuestionReport(string panel)
    {
        var sets = JsonLines.Read<QuestionSet>(Path.Combine(panel, "questions.jsonl")).ToDictionary(q => q.Id);
        var ratings = Directory.GetFiles(panel, "question-ratings-*.jsonl").Order(StringComparer.Ordinal)
            .SelectMany(file => JsonLines.Read<QuestionRating>(file))
            .Where(r => sets.TryGetValue(r.Id, out var set) && r.Index >= 0 && r.Index < set.Questions.Count)
            .GroupBy(r => (r.Id, r.Index)).Select(g => g.First())
            .ToList();
        static string P(int n, int of) => of == 0 ? "-" : (n / (double)of).ToString("P0", CultureInfo.InvariantCulture);
        int asked = sets.Values.Sum(q => q.Questions.Count);
        var byText = sets.Values.SelectMany(q => q.Questions.Distinct()).GroupBy(t => t).OrderByDescending(g => g.Count()).ToList();
        var withQuestions = sets.Values.Where(q => q.Questions.Count > 0).ToList();
        var s = new StringBuilder();
        s.AppendLine("# Question panel (blind)");
        s.AppendLine();
        s.AppendLine("Questions written by `dotnet run -c Release --project src/CoachService.Training -- rewrite-panel write` (the extractive engine, no LLM); this report by `-- rewrite-panel report`. Raters saw only each message and its questions (brief: `QUESTION_RATER_BRIEF.txt`).");
        s.AppendLine();
        s.AppendLine($"- Messages: {sets.Count}; {withQuestions.Count} got questions ({asked} in all). Rated: {ratings.Count} questions.");
        s.AppendLine($"- Variety: the most repeated question went to {byText.FirstOrDefault()?.Count() ?? 0} of {sets.Count} messages ({P(byText.FirstOrDefault()?.Count() ?? 0, sets.Count)}; the goal is at most 5%).");
        s.AppendLine();
        s.AppendLine("| Question to the raters | Share of rated questions |");
        s.AppendLine("| --- | --- |");
        foreach (string q in QuestionQuestions)
        {
            s.AppendLine($"| {q} | {P(ratings.Count(r => r.Scores.GetValueOrDefault(q) == 1), ratings.Count)} |");
        }

        var relevantIds = ratings.Where(r => r.Scores.GetValueOrDefault("relevant") == 1).Select(r => r.Id).ToHashSet();
        s.AppendLine();
        s.AppendLine($"Messages with at least one relevant question: {relevantIds.Count} of {withQuestions.Count} ({P(relevantIds.Count, withQuestions.Count)}).");
        s.AppendLine();
        s.AppendLine("## Questions rated not relevant, aimed at the wrong person, or off-putting");
        s.AppendLine();
        foreach (var r in ratings.Where(r => r.Scores.GetValueOrDefault("relevant") != 1 || r.Scores.GetValueOrDefault("right_person") != 1 || r.Scores.GetValueOrDefault("off_putting") == 1).OrderBy(r => r.Id, StringComparer.Ordinal).ThenBy(r => r.Index))
        {
            string why = r.Reasons is { Count: > 0 } ? string.Join("; ", r.Reasons.Values) : "";
            s.AppendLine($"- **{r.Id}** \"{sets[r.Id].Original}\" → \"{sets[r.Id].Questions[r.Index]}\" — {why}");
        }

        return s.ToString();
    }
}
