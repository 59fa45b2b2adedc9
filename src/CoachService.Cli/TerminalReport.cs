using CoachService.Contracts;

namespace CoachService.Cli;

/// <summary>
/// Prints a coaching result for a person at a terminal: the message with the blaming words marked (in colour
/// on a terminal, in [brackets] otherwise), why they hurt, the rewrites, and the questions with citations.
/// </summary>
public sealed class TerminalReport(TextWriter output, bool colour)
{
    private const string Red = "\u001b[1;31m";
    private const string Dim = "\u001b[2m";
    private const string Bold = "\u001b[1m";
    private const string Reset = "\u001b[0m";

    /// <param name="text">The message as sent (the response's offsets point into it).</param>
    /// <param name="result">What the service answered, in-process or over HTTP: the same contract.</param>
    public void Write(string text, RewriteResponse result)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(result);
        var analysis = result.Analysis;
        output.WriteLine(Heading("Your message"));
        output.WriteLine("  " + Marked(text, analysis));
        foreach (var match in analysis.Matches)
        {
            output.WriteLine($"  {Paint(Red, $"\"{match.Text}\"")} ({match.Category}): {match.Message}");
        }

        foreach (var warning in analysis.Warnings)
        {
            output.WriteLine($"  Note: {warning}");
        }

        if (analysis.Safety.Flagged)
        {
            output.WriteLine();
            output.WriteLine(Heading("Please read this first"));
            output.WriteLine("  " + analysis.Safety.Message);
            return;
        }

        if (analysis.Safety.Level == "concern")
        {
            output.WriteLine();
            output.WriteLine(Heading("A gentle check-in"));
            output.WriteLine("  " + analysis.Safety.Message);
        }

        output.WriteLine();
        if (result.Rewrites.Count == 0)
        {
            output.WriteLine("  " + result.Note);
        }
        else
        {
            output.WriteLine(Heading("Kinder ways to say it"));
            foreach (var rewrite in result.Rewrites)
            {
                output.WriteLine($"  {Paint(Bold, rewrite.Style)}: {rewrite.Text}");
            }
        }

        if (result.Questions.Count > 0)
        {
            output.WriteLine();
            output.WriteLine(Heading("Something to think about"));
            int n = 1;
            foreach (var question in result.Questions)
            {
                var c = question.Citation;
                output.WriteLine($"  {n++}. {question.Text}");
                output.WriteLine("     " + Paint(Dim, $"from \"{c.ArticleTitle}\", {c.SectionHeading} ({c.ArticleId}#{c.SectionId})"));
            }
        }

        output.WriteLine();
        output.WriteLine(Paint(Dim, $"rewrites: {result.Engine.Rewrite}, questions: {result.Engine.Questions}"));
    }

    private string Marked(string message, AnalyzeResponse analysis)
    {
        // Each line-ending character becomes a space, one for one, so the offsets still hold.
        var text = message.Replace('\r', ' ').Replace('\n', ' ');
        var parts = new List<string>();
        int at = 0;
        foreach (var match in analysis.Matches.OrderBy(m => m.Offset))
        {
            if (match.Offset < at || match.Offset + match.Length > text.Length)
            {
                continue;
            }

            parts.Add(text[at..match.Offset]);
            string words = text.Substring(match.Offset, match.Length);
            parts.Add(colour ? Red + words + Reset : $"[{words}]");
            at = match.Offset + match.Length;
        }

        parts.Add(text[at..]);
        return string.Concat(parts);
    }

    private string Heading(string text) => Paint(Bold, text);

    private string Paint(string code, string text) => colour ? code + text + Reset : text;
}
