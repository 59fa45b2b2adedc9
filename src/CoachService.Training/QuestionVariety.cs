using System.Globalization;
using System.Text;
using CoachService.Core;
using CoachService.Core.Data;
using Microsoft.Extensions.DependencyInjection;

namespace CoachService.Training;

/// <summary>
/// A development check of the question engine on training messages (never a test split): how often the most
/// repeated questions are asked (the goal is at most 5 % of messages each), and how many messages get three.
/// It reads no rating and says nothing about relevance; the blind question panel measures that.
/// </summary>
internal static class QuestionVariety
{
    public static string Run(string repo, int every)
    {
        using var services = CoachServiceCollectionExtensions.BuildCoachServices(new Dictionary<string, string?>
        {
            ["Coach:ModelsDirectory"] = Path.Combine(repo, "models"),
        });
        var coach = services.GetRequiredService<MessageCoach>();
        var messages = LabelledDataSet.LoadDirectory(Path.Combine(repo, "models", "data", "train"))
            .Where(m => m.Sentences.Any(s => s.Blame)).Where((_, i) => i % every == 0).ToList();
        var asked = new List<IReadOnlyList<string>>();
        foreach (var message in messages)
        {
            // As the rewrite endpoint asks them (the panels' route): with the rewrite's situation when there is one.
            var result = coach.RewriteAsync(message.Text, styles: null, includeQuestions: true).GetAwaiter().GetResult();
            asked.Add(result.Questions.Select(q => q.Text).ToList());
        }

        var top = asked.SelectMany(q => q.Distinct()).GroupBy(q => q).OrderByDescending(g => g.Count()).Take(10).ToList();
        var s = new StringBuilder();
        s.AppendLine(CultureInfo.InvariantCulture, $"{messages.Count} blaming training messages (every {every}th); {asked.Count(q => q.Count == 3)} got three questions, {asked.Count(q => q.Count == 0)} none; {asked.SelectMany(q => q).Distinct().Count()} distinct questions.");
        foreach (var group in top)
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"  {group.Count() / (double)messages.Count,6:P1}  {group.Key}");
        }

        var random = new Random(2026);
        s.AppendLine("Eight first questions, picked at random:");
        foreach (var (message, questions) in messages.Zip(asked).Where(x => x.Second.Count > 0).OrderBy(_ => random.Next()).Take(8))
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"  \"{message.Text}\" -> {questions[0]}");
        }

        return s.ToString();
    }
}
