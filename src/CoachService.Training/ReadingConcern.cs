using CoachService.Core.Detection;
using CoachService.Core.Models;
using CoachService.Core.Reading;
using CoachService.Core.Rewriting;
using CoachService.Core.Text;
using Microsoft.ML;

namespace CoachService.Training;

/// <summary>What the category and concern step measured and chose, and the rows the deciders are fitted on.</summary>
internal sealed record ConcernChoice(
    List<TrainingRow> BlameRows,
    List<TrainingRow> ConcernRows,
    double CategoryAccuracy,
    double CategoryOwnHeadAccuracy,
    float Floor,
    List<(float Floor, int Right, int Wrong, int General)> FloorTable,
    float CueThreshold,
    List<(float Threshold, double F1)> CueTable);

/// <summary>
/// The reading trainer's category and concern step: cross-validates the category and concern deciders on the blame
/// sentences, chooses the concern floor, and the cue threshold from the fine-tuning step's out-of-fold tags.
/// </summary>
internal static class ReadingConcern
{
    public static ConcernChoice Run(
        MLContext ml, Pipelines pipelines, List<TrainingRow> tunedRows, List<ReadingData.Example> examples, Dictionary<string, ReadingData.OutOfFold> oof, int folds)
    {
        var heads = ReadingSearch.Heads;
        var blameRows = tunedRows.Where(r => r.Label).ToList();
        var categoryHeld = CrossValidation.Classes(ml, blameRows.Select(r => r.WithClass(r.Class)).ToList(), folds, d => pipelines.FitMultiClass(heads, d));
        double categoryAccuracy = Accuracy(blameRows.Select(r => r.Class), categoryHeld.Select(p => p.Label));
        double categoryOwnAccuracy = Accuracy(blameRows.Select(r => r.Class), blameRows.Select(r => BlameCategory.All[ArgMax(r.Heads, 3, 7)]));
        var concernRows = blameRows.Where(r => r.Concern is not null).Select(r => r.WithClass(r.Concern!)).ToList();
        var concernHeld = CrossValidation.Classes(ml, concernRows, folds, d => pipelines.FitMultiClass(heads, d));
        var (floor, floorTable) = ChooseConcernFloor(concernRows, concernHeld);
        var (cueThreshold, cueTable) = ChooseCueThreshold(examples, oof);
        return new ConcernChoice(blameRows, concernRows, categoryAccuracy, categoryOwnAccuracy, floor, floorTable, cueThreshold, cueTable);
    }

    /// <summary>The concern floor that maximises specific-and-right minus specific-and-wrong, as before.</summary>
    private static (float Floor, List<(float Floor, int Right, int Wrong, int General)> Table) ChooseConcernFloor(List<TrainingRow> rows, List<ClassPrediction> held)
    {
        var table = new List<(float, int, int, int)>();
        foreach (float floor in Thresholds.Sweep(0f, 0.8f, 0.05f, inclusive: true))
        {
            int right = 0, wrong = 0, general = 0;
            for (int i = 0; i < rows.Count; i++)
            {
                string predicted = held[i].Scores.Max() >= floor ? held[i].Label : Concern.General;
                if (predicted == Concern.General)
                {
                    general++;
                }
                else if (predicted == rows[i].Class)
                {
                    right++;
                }
                else
                {
                    wrong++;
                }
            }

            table.Add((floor, right, wrong, general));
        }

        var best = table.MaxBy(r => r.Item2 - r.Item3);
        return (best.Item1, table);
    }

    /// <summary>The cue logit threshold with the best mean character F1 (SemEval-2021 Toxic Spans' measure) on the out-of-fold tags of blame sentences.</summary>
    private static (float Threshold, List<(float Threshold, double F1)> Table) ChooseCueThreshold(List<ReadingData.Example> examples, Dictionary<string, ReadingData.OutOfFold> oof)
    {
        var tokenizer = WordPieceTokenizer.LoadEmbedded();
        var prepared = examples.Where(e => e.Message.HasBlame).Select(e =>
        {
            var tokens = tokenizer.Tokenize(e.Message.Text);
            return (Example: e, Tokens: tokens, Logits: oof[e.Message.Id].Cue, Gold: e.Message.CueChars());
        }).Where(p => p.Tokens.Count == p.Logits.Length).ToList();
        var table = new List<(float, double)>();
        for (float t = -5f; t <= 4f; t += 0.25f)
        {
            double sum = 0;
            foreach (var p in prepared)
            {
                var predicted = new HashSet<int>();
                for (int s = 0; s < p.Example.Spans.Count; s++)
                {
                    if (!p.Example.Message.Sentences[s].Blame)
                    {
                        continue;
                    }

                    var span = p.Example.Spans[s];
                    int runStart = -1;
                    for (int k = 0; k <= p.Tokens.Count; k++)
                    {
                        bool inSentence = k < p.Tokens.Count && p.Tokens[k].Offset >= span.Offset && p.Tokens[k].Offset < span.End;
                        bool marked = inSentence && p.Logits[k] >= t;
                        if (marked && runStart < 0)
                        {
                            runStart = k;
                        }
                        else if (!marked && runStart >= 0)
                        {
                            var last = p.Tokens[k - 1];
                            for (int c = p.Tokens[runStart].Offset; c < last.Offset + last.Length; c++)
                            {
                                predicted.Add(c);
                            }

                            runStart = -1;
                        }
                    }
                }

                sum += SpanMetrics.F1(predicted, p.Gold);
            }

            table.Add((t, sum / prepared.Count));
        }

        var best = table.MaxBy(r => r.Item2);
        return (best.Item1, table);
    }

    private static double Accuracy(IEnumerable<string> actual, IEnumerable<string> predicted) =>
        actual.Zip(predicted).Average(p => p.First == p.Second ? 1.0 : 0.0);

    private static int ArgMax(float[] values, int start, int count)
    {
        int best = start;
        for (int i = start; i < start + count; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best - start;
    }
}
