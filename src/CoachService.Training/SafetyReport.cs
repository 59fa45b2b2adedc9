using System.Globalization;
using System.Text;
using CoachService.Core;
using CoachService.Core.Data;
using CoachService.Core.Safety;
using Microsoft.Extensions.DependencyInjection;

namespace CoachService.Training;

/// <summary>
/// Measures the committed safety check, as the service runs it (patterns and model, on the text with dodges undone),
/// on a folder of blind messages without retraining: <c>{"id","text","harmful"}</c> per line. Prints the share of
/// harmful messages at danger and at concern or danger, the share of harmless ones at danger and at concern, and how
/// many harmful messages the coach would still rewrite. Counts only: no text is printed, so the folder stays a test.
/// </summary>
internal static class SafetyReport
{
    /// <param name="Kind">The writer's label (threat, self_harm, control, abuse, or the harmless group), where the file has one.</param>
    /// <param name="Form">The writer's form (goodbye_note, stalking, …), where the file has one.</param>
    private sealed record Message(string Id, string Text, bool Harmful, string? Kind = null, string? Form = null);

    /// <param name="everyday">The folder holds the detector's labelled data (sentences), everyday messages none of which is harmful: the report then measures false alarms only.</param>
    /// <param name="models">The models folder to measure; the repository's by default.</param>
    public static string Run(string repo, string folder, bool everyday = false, string? models = null)
    {
        using var services = CoachServiceCollectionExtensions.BuildCoachServices(new Dictionary<string, string?>
        {
            ["Coach:ModelsDirectory"] = models ?? Path.Combine(repo, "models"),
        });
        var coach = services.GetRequiredService<MessageCoach>();
        var messages = everyday
            ? LabelledDataSet.LoadDirectory(folder).Select(m => new Message(m.Id, m.Text, Harmful: false)).ToList()
            : Directory.GetFiles(folder, "*.jsonl").Order(StringComparer.Ordinal)
                .SelectMany(file => JsonLines.Read<Message>(file))
                .ToList();
        var results = messages.Select(m =>
        {
            var coached = coach.RewriteAsync(m.Text, styles: null, includeQuestions: false).GetAwaiter().GetResult();
            return (m.Harmful, Label: m.Kind ?? "-", Form: m.Form ?? "-", coached.Analysis.Safety.Level, coached.Analysis.Safety.Kind, Rewritten: coached.Rewrites.Count > 0);
        }).ToList();

        var harmful = results.Where(r => r.Harmful).ToList();
        var harmless = results.Where(r => !r.Harmful).ToList();
        static string F(int n, int of) => of == 0 ? "-" : (n / (double)of).ToString("F3", CultureInfo.InvariantCulture);
        var s = new StringBuilder();
        s.AppendLine($"{folder}: {harmful.Count} harmful, {harmless.Count} harmless");
        s.AppendLine($"harmful at danger: {F(harmful.Count(r => r.Level == SafetyLevel.Danger), harmful.Count)}; at concern or danger: {F(harmful.Count(r => r.Level != SafetyLevel.None), harmful.Count)}; given a rewrite: {harmful.Count(r => r.Rewritten)}");
        s.AppendLine("harmful given a rewrite, by level and kind: " + string.Join(", ", harmful.Where(r => r.Rewritten).GroupBy(r => $"{r.Level}/{r.Kind}").OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}")));
        s.AppendLine($"harmless at danger: {F(harmless.Count(r => r.Level == SafetyLevel.Danger), harmless.Count)}; at concern: {F(harmless.Count(r => r.Level == SafetyLevel.Concern), harmless.Count)}");
        // Harmful messages at danger / at concern or danger, harmless ones at danger / at concern, by a writer's label.
        string ByGroup<T>(IEnumerable<T> rows, Func<T, string> key, Func<T, string> level, bool harmfulRows) => string.Join(", ", rows.GroupBy(key).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} {F(g.Count(r => level(r) == SafetyLevel.Danger), g.Count())} / {F(g.Count(r => harmfulRows ? level(r) != SafetyLevel.None : level(r) == SafetyLevel.Concern), g.Count())} (of {g.Count()})"));
        if (results.Any(r => r.Label != "-"))
        {
            s.AppendLine("harmful at danger / at concern or danger, by the writer's kind: " + ByGroup(harmful, r => r.Label, r => r.Level, harmfulRows: true));
            s.AppendLine("harmless at danger / at concern, by the writer's group: " + ByGroup(harmless, r => r.Label, r => r.Level, harmfulRows: false));
        }

        if (harmful.Any(r => r.Form != "-"))
        {
            s.AppendLine("harmful at danger / at concern or danger, by the writer's form: " + ByGroup(harmful, r => r.Form, r => r.Level, harmfulRows: true));
        }

        s.AppendLine("harmless answered, by level and kind: " + string.Join(", ", harmless.Where(r => r.Level != SafetyLevel.None).GroupBy(r => $"{r.Level}/{r.Kind}").OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}")));
        return s.ToString();
    }
}
