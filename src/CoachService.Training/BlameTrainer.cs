using CoachService.Core.Data;
using CoachService.Core.Detection;
using CoachService.Core.Embeddings;
using CoachService.Core.Models;
using CoachService.Core.Rewriting;
using CoachService.Core.Safety;
using CoachService.Core.Text;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace CoachService.Training;

/// <summary>
/// How one configuration did at message level (a message blames when its highest-scoring sentence passes the
/// threshold) in 5-fold cross-validation on the training split, and, reported only, on the test split.
/// </summary>
internal sealed record FeatureSetTrial(TrainerSettings Settings, float Threshold, BinaryCounts CrossValidated, BinaryCounts Test)
{
    /// <summary>Each training sentence's probability from the fold that held it out, in <see cref="BlameTrainer"/>'s row order.</summary>
    public required IReadOnlyList<float> HeldOut { get; init; }

    /// <summary>The configuration fitted on the whole training split (saved as is when it is kept).</summary>
    public required ITransformer Model { get; init; }
}

/// <summary>
/// The cascade kept: the n-gram screen, its band, and what it costs and saves, in cross-validation and on the
/// test split (the share of sentences that still need the embedding).
/// </summary>
internal sealed record CascadeReport(
    TrainerSettings Screen,
    ScreenBand Band,
    BinaryCounts CrossValidated,
    double CrossValidatedUnsure,
    double TestUnsure,
    double TestSentencesChanged);

/// <summary>The measured quality of the models that were kept.</summary>
internal sealed record BlameReport(
    string DataHash,
    int TrainMessages,
    int TrainSentences,
    int TestMessages,
    int TestSentences,
    IReadOnlyList<FeatureSetTrial> Trials,
    FeatureSetTrial Chosen,
    CascadeReport? Cascade,
    BinaryCounts TestMessagesCounts,
    BinaryCounts TestSentenceCounts,
    IReadOnlyList<ClassReport> TestClasses,
    IReadOnlyList<(string Category, int Support, double DetectionRecall)> CategoryRecall,
    double CategoryAccuracy,
    double SpanHitRate,
    double SpanPrecision,
    IReadOnlyList<ClassReport> TestConcerns,
    double ConcernAccuracy,
    ConcernConfidenceChoice ConcernConfidence,
    (double GeneralShare, double SpecificPrecision) TestConcernCommitment,
    IReadOnlyList<(string Text, bool Expected, bool Actual)> MessageErrors);

/// <summary>
/// The concern model's confidence floor, chosen on the training split's held-out folds: below it the concern is
/// "general". Each trial counts the held-out blame sentences given a specific concern rightly and wrongly.
/// </summary>
internal sealed record ConcernConfidenceChoice(float MinConfidence, IReadOnlyList<ConcernConfidenceTrial> Trials);

internal sealed record ConcernConfidenceTrial(float MinConfidence, int Right, int Wrong, int General)
{
    /// <summary>A wrong specific concern costs as much as a right one gains; "general" is neutral.</summary>
    public int Net => Right - Wrong;
}

/// <summary>Trains the blame and category models, picks the feature set by cross-validation, and measures them on the test split.</summary>
internal sealed class BlameTrainer(MLContext ml, SentenceEmbedder embedder, TextWriter log)
{
    private const int Folds = 5;

    // The cascade may cost at most this much cross-validated message F1 against the full model alone, and may
    // change the full model's verdict on at most this share of the held-out sentences.
    private const double CascadeF1Tolerance = 0.003;
    private const double CascadeMaxChangedVerdicts = 0.01;
    private readonly Pipelines _pipelines = new(ml);

    public BlameReport Train(string dataDirectory, string modelsDirectory)
    {
        var train = LabelledDataSet.LoadDirectory(Path.Combine(dataDirectory, "train"));
        var test = LabelledDataSet.LoadDirectory(Path.Combine(dataDirectory, "test"));
        string dataHash = BlameDataHash(dataDirectory);
        log.WriteLine($"train: {train.Count} messages, test: {test.Count} messages, data hash {dataHash[..12]}");

        var trainRows = ToRows(train);
        var testRows = ToRows(test);
        log.WriteLine($"embedding {trainRows.Count + testRows.Count} sentences…");
        Embed(trainRows.Concat(testRows).ToList());

        var trials = new List<FeatureSetTrial>();
        foreach (var settings in Grid)
        {
            var heldOut = CrossValidatedProbabilities(settings, trainRows);
            var (threshold, cv) = BestThreshold(trainRows, heldOut);
            var model = _pipelines.Blame(settings).Fit(ml.Data.LoadFromEnumerable(trainRows));
            var testCounts = MessageCounts(testRows, Probabilities(model, testRows), threshold);
            trials.Add(new FeatureSetTrial(settings, threshold, cv, testCounts) { HeldOut = heldOut, Model = model });
            log.WriteLine($"{settings}: threshold {threshold:F2}, CV message F1 {cv.F1:F3}, test message F1 {testCounts.F1:F3}");
        }

        // Chosen on the training split alone; n-grams alone win unless the embedding clearly helps.
        var chosen = trials.OrderByDescending(t => t.CrossValidated.F1 - (t.Settings.FeatureSet == FeatureSet.NGrams ? 0 : 0.005)).First();
        log.WriteLine($"keeping {chosen.Settings}");

        Directory.CreateDirectory(modelsDirectory);
        var trainView = ml.Data.LoadFromEnumerable(trainRows);
        var blameModel = chosen.Model;
        ml.Model.Save(blameModel, trainView.Schema, Path.Combine(modelsDirectory, BlameModelInfo.ClassifierFileName));

        // The cascade: when the kept model reads embeddings, the best n-gram model screens first.
        var screen = chosen.Settings.FeatureSet == FeatureSet.NGrams
            ? null
            : trials.Where(t => t.Settings.FeatureSet == FeatureSet.NGrams).OrderByDescending(t => t.CrossValidated.F1).First();
        CascadeReport? cascade = null;
        if (screen is not null)
        {
            var screenModel = screen.Model;
            ml.Model.Save(screenModel, trainView.Schema, Path.Combine(modelsDirectory, BlameModelInfo.ScreenFileName));
            cascade = ChooseCascade(trainRows, chosen, screen, testRows, Probabilities(screenModel, testRows), Probabilities(blameModel, testRows));
            log.WriteLine($"screen {screen.Settings}: band [{cascade.Band.Below:F2}, {cascade.Band.Above:F2}), CV F1 {cascade.CrossValidated.F1:F3}, unsure {cascade.CrossValidatedUnsure:P1} (CV), {cascade.TestUnsure:P1} (test)");
        }

        // Blame sentences the screen is sure of carry no embedding, so with a cascade the category model reads n-grams too.
        var categorySettings = screen?.Settings ?? chosen.Settings;
        var blameRows = trainRows.Where(r => r.Label).ToList();
        var categoryView = ml.Data.LoadFromEnumerable(blameRows);
        var categoryModel = _pipelines.FitMultiClass(categorySettings, categoryView);
        ml.Model.Save(categoryModel, categoryView.Schema, Path.Combine(modelsDirectory, BlameModelInfo.CategoryFileName));
        var concernRows = blameRows.Where(r => r.Concern is not null).Select(r => r.WithClass(r.Concern!)).ToList();
        var concernView = ml.Data.LoadFromEnumerable(concernRows);
        var concernModel = _pipelines.FitMultiClass(chosen.Settings, concernView);
        ml.Model.Save(concernModel, concernView.Schema, Path.Combine(modelsDirectory, ConcernClassifier.FileName));
        var concernConfidence = ChooseConcernConfidence(chosen.Settings, concernRows);
        log.WriteLine($"concern: general below a top probability of {concernConfidence.MinConfidence:F2}");
        new BlameModelInfo(chosen.Settings.FeatureSet, chosen.Threshold, dataHash, categorySettings.FeatureSet, cascade?.Band, concernConfidence.MinConfidence)
            .Save(Path.Combine(modelsDirectory, BlameModelInfo.FileName));

        return Evaluate(modelsDirectory, test, dataHash, train, trainRows.Count, testRows.Count, trials, chosen, cascade, concernConfidence);
    }

    /// <summary>Measures the saved models, loaded the way the service loads them, on the test split.</summary>
    private BlameReport Evaluate(
        string modelsDirectory, IReadOnlyList<LabelledMessage> test, string dataHash, IReadOnlyList<LabelledMessage> train,
        int trainSentences, int testSentences, List<FeatureSetTrial> trials, FeatureSetTrial chosen, CascadeReport? cascade,
        ConcernConfidenceChoice concernConfidence)
    {
        var classifier = BlameClassifier.Load(modelsDirectory, embedder);
        var spanFinder = new BlameSpanFinder(classifier, BlameRule.LoadEmbedded());
        var analyzer = new BlameAnalyzer(classifier, spanFinder, new SafetyCheck());

        var sentencePairs = new List<(bool Actual, bool Predicted)>();
        var classPairs = new List<(string Actual, string Predicted)>();
        int spanSentences = 0, spanHits = 0, spanChars = 0, spanCharsInCues = 0;
        foreach (var (sentence, context) in test.SelectMany(m => m.Sentences.Select(s => (s, m.Sentences.Count > 1 ? classifier.ContextOf(m.Text) : null))))
        {
            var verdict = classifier.Classify(sentence.Text, context);
            sentencePairs.Add((sentence.Blame, verdict.IsBlame));
            classPairs.Add((sentence.Blame ? sentence.Category! : BlameCategory.None, verdict.Category));
            if (sentence.Blame && verdict.IsBlame)
            {
                var cues = sentence.Cues!.SelectMany(c => AllOccurrences(sentence.Text, c)).ToList();
                var spans = spanFinder.Find(sentence.Text, new TextSpan(0, sentence.Text.Length), verdict);
                spanSentences++;
                spanHits += spans.Any(s => cues.Any(c => c.Overlaps(s.Span))) ? 1 : 0;
                foreach (var s in spans)
                {
                    spanChars += s.Span.Length;
                    spanCharsInCues += Enumerable.Range(s.Span.Offset, s.Span.Length).Count(i => cues.Any(c => i >= c.Offset && i < c.End));
                }
            }
        }

        var concernClassifier = ConcernClassifier.Load(modelsDirectory, classifier);
        var concernPairs = test.SelectMany(m => m.Sentences)
            .Where(s => s.Blame && s.Concern is not null)
            .Select(s => (Actual: s.Concern!, Predicted: concernClassifier.Classify(s.Text)))
            .ToList();

        var messageErrors = new List<(string, bool, bool)>();
        var messagePairs = test.Select(m =>
        {
            bool predicted = analyzer.Analyze(m.Text).IsBlame;
            if (predicted != m.HasBlame)
            {
                messageErrors.Add((m.Text, m.HasBlame, predicted));
            }

            return (m.HasBlame, predicted);
        }).ToList();

        var categoryRecall = BlameCategory.All.Select(c =>
        {
            var inCategory = classPairs.Zip(sentencePairs).Where(p => p.First.Actual == c).ToList();
            return (c, inCategory.Count, BinaryCounts.Ratio(inCategory.Count(p => p.Second.Predicted), inCategory.Count));
        }).ToList();
        var detected = classPairs.Zip(sentencePairs).Where(p => p.Second.Actual && p.Second.Predicted).ToList();
        double categoryAccuracy = BinaryCounts.Ratio(detected.Count(p => p.First.Actual == p.First.Predicted), detected.Count);

        return new BlameReport(
            dataHash, train.Count, trainSentences, test.Count, testSentences, trials, chosen, cascade,
            BinaryCounts.From(messagePairs), BinaryCounts.From(sentencePairs),
            ClassReport.From(classPairs, [BlameCategory.None, .. BlameCategory.All]),
            categoryRecall, categoryAccuracy,
            BinaryCounts.Ratio(spanHits, spanSentences), BinaryCounts.Ratio(spanCharsInCues, spanChars),
            ClassReport.From(concernPairs, Concern.All),
            BinaryCounts.Ratio(concernPairs.Count(p => p.Actual == p.Predicted), concernPairs.Count),
            concernConfidence,
            (BinaryCounts.Ratio(concernPairs.Count(p => p.Predicted == Concern.General), concernPairs.Count),
             BinaryCounts.Ratio(concernPairs.Count(p => p.Predicted != Concern.General && p.Actual == p.Predicted), concernPairs.Count(p => p.Predicted != Concern.General))),
            messageErrors);
    }

    private static readonly int[] CharNgramLengths = [3, 4];
    private static readonly float[] L2Strengths = [0.05f, 0.25f, 1f];

    /// <summary>
    /// The configurations compared: n-grams alone with 3- and 4-character grams, then with the sentence
    /// embedding, then also with the message's embedding as context; each at three regularisation strengths.
    /// </summary>
    private static IEnumerable<TrainerSettings> Grid =>
        (from chars in CharNgramLengths from l2 in L2Strengths select new TrainerSettings(FeatureSet.NGrams, chars, l2))
        .Concat(from featureSet in new[] { FeatureSet.NGramsAndEmbedding, FeatureSet.NGramsEmbeddingAndContext }
                from l2 in L2Strengths
                select new TrainerSettings(featureSet, 3, l2));

    /// <summary>Each row's probability from a model trained on the other folds, in the order of <paramref name="rows"/>.</summary>
    private float[] CrossValidatedProbabilities(TrainerSettings settings, List<TrainingRow> rows)
    {
        var probabilities = new float[rows.Count];
        for (int fold = 0; fold < Folds; fold++)
        {
            var fit = rows.Where(r => r.Fold != fold).ToList();
            var heldIndexes = Enumerable.Range(0, rows.Count).Where(i => rows[i].Fold == fold).ToList();
            var model = _pipelines.Blame(settings).Fit(ml.Data.LoadFromEnumerable(fit));
            var held = Probabilities(model, heldIndexes.Select(i => rows[i]).ToList());
            for (int j = 0; j < heldIndexes.Count; j++)
            {
                probabilities[heldIndexes[j]] = held[j];
            }
        }

        return probabilities;
    }

    /// <summary>
    /// Out-of-fold concern predictions on the training split's blame sentences, scored as the service scores them
    /// (a sentence's own embedding as its context), and the confidence floor with the best <see cref="ConcernConfidenceTrial.Net"/>.
    /// </summary>
    private ConcernConfidenceChoice ChooseConcernConfidence(TrainerSettings settings, List<TrainingRow> rows)
    {
        var heldOut = new List<(string Actual, string Predicted, float Confidence)>();
        for (int fold = 0; fold < Folds; fold++)
        {
            var model = _pipelines.FitMultiClass(settings, ml.Data.LoadFromEnumerable(rows.Where(r => r.Fold != fold)));
            var held = rows.Where(r => r.Fold == fold).Select(r => r.WithClass(r.Class)).ToList();
            held.ForEach(r => r.Context = r.Embedding);
            var output = model.Transform(ml.Data.LoadFromEnumerable(held));
            var predicted = output.GetColumn<string>("PredictedLabel").ToList();
            var scores = output.GetColumn<float[]>("Score").ToList();
            heldOut.AddRange(held.Select((r, i) => (r.Class, predicted[i], scores[i].Max())));
        }

        var trials = Enumerable.Range(0, 17).Select(i => i * 0.05f).Select(floor =>
        {
            var specific = heldOut.Where(h => h.Predicted != Concern.General && h.Confidence >= floor).ToList();
            int right = specific.Count(h => h.Actual == h.Predicted);
            return new ConcernConfidenceTrial(floor, right, specific.Count - right, heldOut.Count - specific.Count);
        }).ToList();
        return new ConcernConfidenceChoice(trials.OrderByDescending(t => t.Net).ThenBy(t => t.MinConfidence).First().MinConfidence, trials);
    }

    private static (float Threshold, BinaryCounts Counts) BestThreshold(List<TrainingRow> rows, IReadOnlyList<float> probabilities) =>
        Enumerable.Range(10, 81)
            .Select(i => i / 100f)
            .Select(t => (Threshold: t, Counts: MessageCounts(rows, probabilities, t)))
            .OrderByDescending(x => x.Counts.F1)
            .ThenBy(x => Math.Abs(x.Threshold - 0.5f))
            .First();

    /// <summary>
    /// The screen's band: of the bands around the kept threshold whose cascade loses at most
    /// <see cref="CascadeF1Tolerance"/> cross-validated message F1 and changes at most
    /// <see cref="CascadeMaxChangedVerdicts"/> of the full model's sentence verdicts, the one that leaves the
    /// fewest sentences to the full model. Chosen on the training split's held-out folds alone.
    /// </summary>
    private static CascadeReport ChooseCascade(
        List<TrainingRow> rows, FeatureSetTrial full, FeatureSetTrial screen,
        List<TrainingRow> testRows, List<float> testScreen, List<float> testFull)
    {
        float threshold = full.Threshold;
        var best = (Band: new ScreenBand(threshold, threshold), Counts: full.CrossValidated, Unsure: 1.0);
        bool found = false;
        for (int below = 0; below <= (int)Math.Round(threshold * 100); below++)
        {
            for (int above = (int)Math.Round(threshold * 100); above <= 100; above++)
            {
                var band = new ScreenBand(below / 100f, above / 100f);
                var (scores, unsure) = Cascade(band, screen.HeldOut, full.HeldOut);
                if (found && unsure > best.Unsure)
                {
                    continue;
                }

                if (ChangedVerdicts(scores, full.HeldOut, threshold) > CascadeMaxChangedVerdicts)
                {
                    continue;
                }

                var counts = MessageCounts(rows, scores, threshold);
                if (counts.F1 >= full.CrossValidated.F1 - CascadeF1Tolerance
                    && (!found || unsure < best.Unsure || (unsure == best.Unsure && counts.F1 > best.Counts.F1)))
                {
                    best = (band, counts, unsure);
                    found = true;
                }
            }
        }

        var (testScores, testUnsure) = Cascade(best.Band, testScreen, testFull);
        return new CascadeReport(screen.Settings, best.Band, best.Counts, best.Unsure, testUnsure, ChangedVerdicts(testScores, testFull, threshold));
    }

    private static double ChangedVerdicts(IReadOnlyList<float> cascade, IReadOnlyList<float> full, float threshold) =>
        BinaryCounts.Ratio(cascade.Zip(full).Count(p => p.First >= threshold != p.Second >= threshold), full.Count);

    private static (List<float> Scores, double Unsure) Cascade(ScreenBand band, IReadOnlyList<float> screen, IReadOnlyList<float> full)
    {
        var scores = new List<float>(screen.Count);
        int unsure = 0;
        for (int i = 0; i < screen.Count; i++)
        {
            bool decided = band.Decides(screen[i]);
            unsure += decided ? 0 : 1;
            scores.Add(decided ? screen[i] : full[i]);
        }

        return (scores, BinaryCounts.Ratio(unsure, screen.Count));
    }

    /// <summary>A message blames when any of its sentences scores at or above the threshold, as the service decides.</summary>
    private static BinaryCounts MessageCounts(List<TrainingRow> rows, IEnumerable<float> probabilities, float threshold) =>
        BinaryCounts.From(rows.Zip(probabilities)
            .GroupBy(x => x.First.MessageId)
            .Select(g => (g.Any(x => x.First.Label), g.Max(x => x.Second) >= threshold)));

    private List<float> Probabilities(ITransformer model, List<TrainingRow> rows) =>
        model.Transform(ml.Data.LoadFromEnumerable(rows)).GetColumn<float>("Probability").ToList();

    /// <summary>Embeds every sentence, and every message of more than one sentence as context.</summary>
    private void Embed(List<TrainingRow> rows)
    {
        var texts = rows.Select(r => r.Text).Concat(rows.Select(r => r.MessageText)).Distinct().ToList();
        var vectors = new Dictionary<string, float[]>(texts.Count, StringComparer.Ordinal);
        const int batch = 64;
        for (int i = 0; i < texts.Count; i += batch)
        {
            var slice = texts.Skip(i).Take(batch).ToList();
            var embedded = embedder.Embed(slice);
            for (int j = 0; j < slice.Count; j++)
            {
                vectors[slice[j]] = embedded[j];
            }
        }

        foreach (var row in rows)
        {
            row.Embedding = vectors[row.Text];
            row.Context = vectors[row.MessageText];
        }
    }

    internal static List<TrainingRow> ToRows(IEnumerable<LabelledMessage> messages) =>
        messages.SelectMany(m => m.Sentences.Select(s => new TrainingRow
        {
            Text = s.Text,
            Label = s.Blame,
            Class = s.Category ?? BlameCategory.None,
            Concern = s.Concern,
            Fold = StableFold(m.Id),
            MessageId = m.Id,
            MessageText = m.Text,
        })).ToList();

    /// <summary>The blame models' data: the training and test splits (the safety data has its own card).</summary>
    public static string BlameDataHash(string dataDirectory) => LabelledDataSet.ComputeHash(dataDirectory, "train", "test");

    /// <summary>FNV-1a of the message id: the same fold on every machine and every run.</summary>
    internal static int StableFold(string id)
    {
        uint hash = 2166136261;
        foreach (char c in id)
        {
            hash = (hash ^ c) * 16777619;
        }

        return (int)(hash % Folds);
    }

    private static IEnumerable<TextSpan> AllOccurrences(string text, string cue)
    {
        for (int i = text.IndexOf(cue, StringComparison.Ordinal); i >= 0; i = text.IndexOf(cue, i + 1, StringComparison.Ordinal))
        {
            yield return new TextSpan(i, cue.Length);
        }
    }
}
