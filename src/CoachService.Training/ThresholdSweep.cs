using System.Globalization;
using System.Text;
using CoachService.Core.Data;
using CoachService.Core.Detection;

namespace CoachService.Training;

/// <summary>
/// The committed detector on labelled folders at a range of message thresholds (a message blames when one of its
/// sentences reaches it): kind messages flagged, overall and per hard kind, and blame found, overall and per hard
/// blame kind. Counts only, no text. Each message is read once; its highest sentence probability decides every row.
/// </summary>
internal static class ThresholdSweep
{
    /// <param name="thresholds">The message thresholds, one row each (<see cref="Thresholds.Sweep"/>).</param>
    public static string Run(IReadOnlyList<LabelledMessage> messages, BlameClassifier classifier, IEnumerable<float> thresholds)
    {
        var scored = messages.Select(m => (Message: m, Score: classifier.Score(classifier.Reader.Read(m.Text)))).ToList();
        var kind = scored.Where(x => !x.Message.HasBlame).ToList();
        var blame = scored.Where(x => x.Message.HasBlame).ToList();
        var s = new StringBuilder();
        s.AppendLine(CultureInfo.InvariantCulture, $"{messages.Count} messages: {blame.Count} with blame, {kind.Count} kind. Committed threshold {classifier.Threshold:F2}.");
        s.AppendLine();
        s.Append("| Threshold | F1 | Precision | Recall | Kind flagged | Worst hard kind (rate) |");
        foreach (string hard in SplitEvaluation.BlameHard)
        {
            s.Append(CultureInfo.InvariantCulture, $" {hard} |");
        }

        s.AppendLine();
        s.AppendLine("|" + string.Concat(Enumerable.Repeat(" --- |", 6 + SplitEvaluation.BlameHard.Length)));
        foreach (float threshold in thresholds)
        {
            var counts = BinaryCounts.From(scored.Select(x => (x.Message.HasBlame, x.Score >= threshold)));
            var worst = SplitEvaluation.KindHard
                .Select(h => (Hard: h, Rate: Rate(kind.Where(x => x.Message.Hard == h), threshold)))
                .MaxBy(x => x.Rate);
            int kindFlagged = kind.Count(x => x.Score >= threshold);
            s.Append(CultureInfo.InvariantCulture, $"| {threshold:F2} | {counts.F1:F3} | {counts.Precision:F3} | {counts.Recall:F3} | {kindFlagged} ({BinaryCounts.Ratio(kindFlagged, kind.Count):F3}) | {worst.Hard} ({worst.Rate:F3}) |");
            foreach (string hard in SplitEvaluation.BlameHard)
            {
                s.Append(CultureInfo.InvariantCulture, $" {Rate(blame.Where(x => x.Message.Hard == hard), threshold):F3} |");
            }

            s.AppendLine();
        }

        return s.ToString();
    }

    private static double Rate(IEnumerable<(LabelledMessage Message, float Score)> group, float threshold)
    {
        var list = group.ToList();
        return BinaryCounts.Ratio(list.Count(x => x.Score >= threshold), list.Count);
    }
}
