namespace CoachService.Training;

/// <summary>Counts of a yes/no decision against the labels, and the precision, recall and F1 they give.</summary>
internal sealed record BinaryCounts(int TruePositives, int FalsePositives, int FalseNegatives, int TrueNegatives)
{
    public int Total => TruePositives + FalsePositives + FalseNegatives + TrueNegatives;
    public double Precision => Ratio(TruePositives, TruePositives + FalsePositives);
    public double Recall => Ratio(TruePositives, TruePositives + FalseNegatives);
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
    public double Accuracy => Ratio(TruePositives + TrueNegatives, Total);

    public static BinaryCounts From(IEnumerable<(bool Actual, bool Predicted)> pairs)
    {
        int tp = 0, fp = 0, fn = 0, tn = 0;
        foreach (var (actual, predicted) in pairs)
        {
            switch (actual, predicted)
            {
                case (true, true): tp++; break;
                case (false, true): fp++; break;
                case (true, false): fn++; break;
                default: tn++; break;
            }
        }

        return new BinaryCounts(tp, fp, fn, tn);
    }

    public static double Ratio(int numerator, int denominator) => denominator == 0 ? 0 : (double)numerator / denominator;
}

/// <summary>Per-class precision, recall and F1 for a multi-class decision.</summary>
internal sealed record ClassReport(string Label, int Support, double Precision, double Recall, double F1)
{
    public static IReadOnlyList<ClassReport> From(IReadOnlyList<(string Actual, string Predicted)> pairs, IEnumerable<string> labels) =>
        labels.Select(label =>
        {
            var counts = BinaryCounts.From(pairs.Select(p => (p.Actual == label, p.Predicted == label)));
            return new ClassReport(label, counts.TruePositives + counts.FalseNegatives, counts.Precision, counts.Recall, counts.F1);
        }).ToList();
}
