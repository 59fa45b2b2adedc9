using System.Globalization;
using System.Text;
using CoachService.Core.Data;
using CoachService.Core.Text;

namespace CoachService.Training;

/// <summary>
/// Measures the language check on a hand-written set (<c>{"text", "language"}</c> per line): is each message
/// rightly called English or not English? Reports the whole set, English under four words, and each language.
/// </summary>
internal static class LanguageReport
{
    private sealed record Row(string Id, string Text, string Language);

    public static string Run(string path, LanguageCheck check, TextWriter log)
    {
        var rows = JsonLines.Read<Row>(path).ToList();
        var results = rows.Select(r => (Row: r, Reading: check.Detect(r.Text))).ToList();
        static bool Right((Row Row, LanguageReading Reading) x) => x.Reading.IsEnglish == (x.Row.Language == "en");
        static string F(double v) => v.ToString("F3", CultureInfo.InvariantCulture);
        var s = new StringBuilder();
        s.AppendLine(CultureInfo.InvariantCulture, $"Language check on `{Path.GetFileName(path)}`: {results.Count(Right)} of {results.Count} right, **{F(results.Count(Right) / (double)results.Count)}**.");
        s.AppendLine();
        s.AppendLine("| Group | Messages | Right |");
        s.AppendLine("| --- | --- | --- |");
        var shortEnglish = results.Where(x => x.Row.Language == "en" && LanguageCheck.Words(x.Row.Text) < LanguageCheck.ShortWords).ToList();
        s.AppendLine(CultureInfo.InvariantCulture, $"| English under {LanguageCheck.ShortWords} words | {shortEnglish.Count} | {F(shortEnglish.Count(Right) / (double)Math.Max(1, shortEnglish.Count))} |");
        foreach (var group in results.GroupBy(x => x.Row.Language).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"| {group.Key} | {group.Count()} | {F(group.Count(Right) / (double)group.Count())} |");
        }

        foreach (var wrong in results.Where(x => !Right(x)))
        {
            var (top, confidence, english) = check.Scores(wrong.Row.Text);
            log.WriteLine(FormattableString.Invariant($"wrong: {wrong.Row.Id} ({wrong.Row.Language}) read as {wrong.Reading.Code}; {LanguageCheck.Words(wrong.Row.Text)} words, {check.EnglishWordShare(wrong.Row.Text):F2} English, Lingua {top} {confidence:F3}, en {english:F3}"));
        }

        if (Environment.GetEnvironmentVariable("LANGUAGE_REPORT_SCORES") == "1")
        {
            foreach (var row in rows.Where(r => LanguageCheck.Words(r.Text) < LanguageCheck.ShortWords))
            {
                var (top, confidence, english) = check.Scores(row.Text);
                log.WriteLine(FormattableString.Invariant($"{row.Id} {row.Language}: {top} {confidence:F3}, en {english:F3}"));
            }
        }

        return s.ToString();
    }
}
