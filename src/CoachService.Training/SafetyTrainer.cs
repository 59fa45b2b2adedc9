using System.Globalization;
using System.Text;
using CoachService.Core.Data;
using CoachService.Core.Embeddings;
using CoachService.Core.Models;
using CoachService.Core.Reading;
using CoachService.Core.Safety;
using CoachService.Core.Text;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace CoachService.Training;

/// <summary>
/// Trains the safety model on <c>models/data/safety/train*.jsonl</c> (danger, concern and everyday messages),
/// picks the two thresholds by cross-validation for recall (danger: the highest danger recall at which at most
/// <see cref="MaxDangerFalseRate"/> of everyday messages reach danger; concern: the highest recall of anything
/// worrying at which at most <see cref="MaxConcernFalseRate"/> of everyday messages are at concern),
/// and measures the whole check, patterns and model together as the service runs it, on the blind test files.
/// </summary>
/// <param name="ml">The ML.NET context.</param>
/// <param name="reader">The service's reader (with the safety head, when one has been trained).</param>
/// <param name="log">Progress.</param>
/// <param name="headOutOfFold">
/// The safety head's out-of-fold probabilities (the <c>safety-head</c> step's <c>oof.jsonl</c>), by message: with
/// them, the trials include the decider that reads the head, each message's value coming from a head that never saw
/// its fold. Without them (no head trained), only the decider without it is tried.
/// </param>
internal sealed class SafetyTrainer(MLContext ml, MessageReader reader, TextWriter log, IReadOnlyDictionary<(bool Everyday, string Id), float[]>? headOutOfFold = null)
{
    private const int NeverHeldOut = -1;
    // A miss can cost a life; a false alarm at danger costs the sender a rewrite. With the budget at 2% the
    // blind test's danger recall fell to 0.850 (round-1 file 0.900, from 0.956), so danger took up to 4% of
    // the everyday training messages, as the round-1 model did; the concern level takes the rest. The fourth
    // session's data (1,400 new training messages, half of them hard negatives, and round 2's 520 test messages
    // moved into training) made the everyday files harder: at 4% the danger threshold fell from P(none) 0.31 to
    // 0.26 and the round-1 file's recall from 0.967 to 0.944, under its 0.95 goal. The issue asks for recall first,
    // so the budget is 5%. Chosen after seeing that round-1 figure (an old, read file), and kept whatever the fresh
    // round-3 file showed next. Since the tenth session the concern budget counts the everyday messages at concern
    // alone (the issue's goal, at most 10% there), so up to 15% of everyday messages may be at concern or danger.
    private const double MaxDangerFalseRate = 0.05;
    private const double MaxConcernFalseRate = 0.10;

    // The trials cross-validation chooses among: n-gram length and regularisation, and how much each of the
    // everyday messages of the blame split counts (they outnumber the safety files' messages).
    // L2 0.05 (everyday weight 0.25) was tried on 2026-12-05 and lost to L2 0.25: CV danger recall 0.643 against
    // 0.647 at a 2% budget; it is left out because it takes several times as long to fit. An everyday weight of
    // 0.25 lost to 0.1 on the fourth session's data (CV danger recall 0.797 against 0.816) and on the tenth's
    // (0.850 against 0.856, before the round-7 pairs), so only 0.1 is tried: each trial costs about seven minutes.
    private static readonly (TrainerSettings Settings, float EverydayWeight)[] Trials =
    [
        (new(FeatureSet.NGramsAndEmbedding, 3, 0.25f), 0.1f),
        (new(FeatureSet.NGramsEmbeddingAndContext, 3, 0.25f), 0.1f),
        (new(FeatureSet.NGramsEmbeddingContextAndSafetyHead, 3, 0.25f), 0.1f),
    ];
    private static readonly string[] Kinds = [SafetyKind.None, .. SafetyKind.Harmful];
    private static readonly bool[] SentenceTrials = [false, true];

    // Round-2 files label the writer controlling or watching the reader as "abuse" with one of these forms;
    // the service answers them differently from someone describing abuse, so they are their own kind.
    private static readonly HashSet<string> ControlForms = ["coercive_control", "stalking", "intimate_images", "intimidation", "jealousy", "phone_checking", "buried_threat"];

    /// <summary>
    /// A labelled message: kind, level (danger, concern or none) and, in round-2 files, its form. Messages written
    /// as a pair (the same text with and without its dangerous line) share a <paramref name="Pair"/> and so a fold.
    /// </summary>
    internal sealed record SafetyMessage(string Id, string Text, string Kind, string Level, string? Form, string? Pair = null)
    {
        public int Fold => Folds.Stable(Pair ?? Id);
    }

    /// <summary>A held-out message's label and scores: P(none) of the whole message, the lowest of it and its sentences, and whether a pattern matched.</summary>
    private sealed record OutOfFold(string Level, string? Form, bool RuleFlag, float MessageNone, float LowestNone)
    {
        public float None(bool sentences) => sentences ? LowestNone : MessageNone;
    }

    private sealed record Operating(
        TrainerSettings Settings, float EverydayWeight, bool ScoreSentences, float Danger, float Concern, double DangerRecall, double DangerFalseRate, double AnyRecall, double ConcernFalseRate,
        IReadOnlyList<(string Form, int Count, double Recall)> DangerByForm);

    public string Train(string dataDirectory, string modelsDirectory)
    {
        var train = Directory.GetFiles(Path.Combine(dataDirectory, "safety"), "train*.jsonl").Order(StringComparer.Ordinal).SelectMany(Load).ToList();
        var rows = train.Select(m => new TrainingRow { Text = Plain(m.Text), Class = m.Kind, MessageId = m.Id, Fold = m.Fold }).ToList();

        // Ordinary complaints, sarcasm included, are not safety concerns: the blame training split teaches the
        // model that as extra "none" examples. They are in every fold's training set and never held out, so
        // the thresholds are still chosen on the safety files alone.
        var everyday = LabelledDataSet.LoadDirectory(Path.Combine(dataDirectory, "train"))
            .Select(m => new TrainingRow { Text = m.Text, Class = SafetyKind.None, MessageId = m.Id, Fold = NeverHeldOut })
            .ToList();
        var all = rows.Concat(everyday).ToList();
        // The blame split's messages are the rows never held out; their ids may repeat the safety files'.
        float[] HeadOf(TrainingRow row) =>
            headOutOfFold is not null && headOutOfFold.TryGetValue((row.Fold == NeverHeldOut, row.MessageId!), out var p)
                ? SafetyClassifier.HeadFeatures(p)
                : throw new InvalidDataException($"The safety head's out-of-fold reading lacks message {row.MessageId}; run the safety-head step again.");

        // Each message's vector and the element-wise maximum of its sentences' vectors; which of them the model
        // reads depends on the trial's feature set (SafetyClassifier.RowOf).
        var vectors = new Dictionary<TrainingRow, (float[] Message, float[] SentenceMaximum)>();
        foreach (var chunk in everyday.Chunk(64))
        {
            var readings = reader.ReadMany(chunk.Select(r => r.Text).ToList());
            for (int i = 0; i < chunk.Length; i++)
            {
                vectors[chunk[i]] = (readings[i].Vector, SafetyClassifier.SentenceMaximum(readings[i]));
            }
        }

        // A safety message is read as the service reads it. Each sentence of a longer message is also scored
        // on its own (its tokens read within the message), so a threat is not diluted by the ordinary
        // sentences around it; whether that helps is one of the trials.
        var sentenceRows = new Dictionary<(string Id, int Index), TrainingRow>();
        foreach (var row in rows)
        {
            var reading = reader.Read(row.Text);
            vectors[row] = (reading.Vector, SafetyClassifier.SentenceMaximum(reading));
            for (int i = 0; reading.Sentences.Count > 1 && i < reading.Sentences.Count; i++)
            {
                var sentence = SafetyClassifier.SentenceRowOf(reading, i);
                sentenceRows[(row.MessageId!, i)] = new TrainingRow { Text = sentence.Text, Embedding = sentence.Embedding, Context = sentence.Context };
            }
        }

        var rules = new SafetyCheck();
        var pipelines = new Pipelines(ml);
        var messages = train.ToDictionary(m => m.Id);
        var trials = new List<Operating>();
        void Featurize(FeatureSet features)
        {
            bool head = features == FeatureSet.NGramsEmbeddingContextAndSafetyHead;
            foreach (var (row, v) in vectors)
            {
                var input = SafetyClassifier.RowOf(row.Text!, v.Message, v.SentenceMaximum, features, head ? HeadOf(row) : null);
                row.Embedding = input.Embedding;
                row.Context = input.Context;
                row.SafetyHead = input.SafetyHead;
            }

            // A sentence scored on its own carries its message's head reading, as the service scores it.
            foreach (var row in rows)
            {
                for (int i = 0; sentenceRows.TryGetValue((row.MessageId!, i), out var sentence); i++)
                {
                    sentence.SafetyHead = head ? row.SafetyHead : new float[SafetyClassifier.HeadFeatureCount];
                }
            }
        }

        foreach (var (settings, weight) in Trials.Where(t => headOutOfFold is not null || t.Settings.FeatureSet != FeatureSet.NGramsEmbeddingContextAndSafetyHead))
        {
            everyday.ForEach(r => r.Weight = weight);
            Featurize(settings.FeatureSet);
            var outOfFold = CrossValidate(pipelines, settings, rows, all, sentenceRows, rules, messages);
            foreach (bool sentences in SentenceTrials)
            {
                var t = Choose(outOfFold, settings, weight, sentences);
                log.WriteLine($"safety {Describe(settings)}, everyday weight {weight}, sentences scored {t.ScoreSentences}: danger below P(none) {t.Danger:F2} (CV danger recall {t.DangerRecall:F3}, everyday at danger {t.DangerFalseRate:F3}); concern below {t.Concern:F2} (CV recall of anything worrying {t.AnyRecall:F3}, everyday at concern {t.ConcernFalseRate:F3})");
                trials.Add(t);
            }
        }

        var chosen = trials.OrderByDescending(t => t.DangerRecall).ThenByDescending(t => t.AnyRecall).First();
        everyday.ForEach(r => r.Weight = chosen.EverydayWeight);
        Featurize(chosen.Settings.FeatureSet);
        var final = pipelines.FitMultiClass(chosen.Settings, ml.Data.LoadFromEnumerable(all), weighted: true);
        ml.Model.Save(final, ml.Data.LoadFromEnumerable(all).Schema, Path.Combine(modelsDirectory, SafetyModelInfo.ModelFileName));
        new SafetyModelInfo(chosen.Danger, chosen.Concern, chosen.Settings.FeatureSet, chosen.ScoreSentences).Save(Path.Combine(modelsDirectory, SafetyModelInfo.FileName));
        string headFile = Path.Combine(modelsDirectory, Core.Reading.SafetyHead.FileName);
        if (chosen.Settings.FeatureSet != FeatureSet.NGramsEmbeddingContextAndSafetyHead && File.Exists(headFile))
        {
            // The reader applies any head it finds; one the kept model does not read would cost every message for nothing.
            File.Delete(headFile);
            log.WriteLine($"the kept safety model does not read the safety head: removed {headFile}");
        }

        // Measured as the service runs it: the loaded model plus the patterns, on the text with dodges undone.
        var check = new SafetyCheck(SafetyClassifier.Load(modelsDirectory));
        SafetyResult Run(string text) => check.Check(reader.Read(Plain(text)));
        // Round 3 is the blind test; round 2's misses were read, so its files became training data (train-former-test-round2-*).
        var blind = Directory.GetFiles(Path.Combine(dataDirectory, "safety", "test-round3"), "*.jsonl").Order(StringComparer.Ordinal).SelectMany(Load).ToList();
        var blindResults = blind.Select(m => (Message: m, Result: Run(m.Text))).ToList();
        var oldTest = Load(Path.Combine(dataDirectory, "safety", "test.jsonl"));
        var oldResults = oldTest.Select(m => (Message: m, Result: Run(m.Text))).ToList();

        // What a false alarm costs in everyday use: ordinary complaints answered with help or a check-in line.
        var everydayTest = LabelledDataSet.LoadDirectory(Path.Combine(dataDirectory, "test"));
        var everydayLevels = everydayTest.Select(m => Run(m.Text).Level).ToList();
        var report = Report(blindResults);
        log.WriteLine($"safety blind test: danger recall {report.DangerRecall:F3}, everyday at danger {report.EverydayDanger:F3}, at concern {report.EverydayConcern:F3}");
        return Card(LabelledDataSet.ComputeHash(dataDirectory, "safety", "train"), train, everyday.Count, trials, chosen, report, Report(oldResults), everydayLevels, blindResults);
    }

    /// <summary>What a trial's features are for the safety model (<see cref="SafetyClassifier.RowOf(Reading.MessageReading, FeatureSet)"/>), which reads the feature sets' vectors its own way.</summary>
    private static string Describe(TrainerSettings settings) => settings.FeatureSet switch
    {
        FeatureSet.NGramsAndEmbedding => $"n-grams + message vector, L2 {settings.L2}",
        FeatureSet.NGramsEmbeddingAndContext => $"n-grams + message vector + maximum of the sentence vectors, L2 {settings.L2}",
        FeatureSet.NGramsEmbeddingContextAndSafetyHead => $"n-grams + message vector + maximum of the sentence vectors + safety head, L2 {settings.L2}",
        _ => settings.ToString(),
    };

    /// <summary>The text as the service's safety check reads it.</summary>
    private static string Plain(string text) => SafetyText.Normalise(text);

    private sealed record TestReport(
        int Dangerous, int Everyday, double DangerRecall, double EverydayDanger, double EverydayConcern,
        IReadOnlyList<(string Group, int Count, double Rate)> DangerByKind, IReadOnlyList<(string Group, int Count, double Rate)> DangerByForm,
        IReadOnlyList<(string Group, int Count, double DangerRate, double ConcernRate)> EverydayByForm);

    private static TestReport Report(List<(SafetyMessage Message, SafetyResult Result)> results)
    {
        var dangerous = results.Where(r => r.Message.Level == SafetyLevel.Danger).ToList();
        var everyday = results.Where(r => r.Message.Level == SafetyLevel.None).ToList();
        static double Rate<T>(List<T> items, Func<T, bool> test) => items.Count == 0 ? 0 : items.Count(test) / (double)items.Count;
        return new TestReport(
            dangerous.Count,
            everyday.Count,
            Rate(dangerous, r => r.Result.Flagged),
            Rate(everyday, r => r.Result.Level == SafetyLevel.Danger),
            Rate(everyday, r => r.Result.Level == SafetyLevel.Concern),
            dangerous.GroupBy(r => r.Message.Kind).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Count(), Rate(g.ToList(), r => r.Result.Flagged))).ToList(),
            dangerous.GroupBy(r => r.Message.Form ?? "-").OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Count(), Rate(g.ToList(), r => r.Result.Flagged))).ToList(),
            everyday.GroupBy(r => r.Message.Form ?? "-").OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => (g.Key, g.Count(), Rate(g.ToList(), r => r.Result.Level == SafetyLevel.Danger), Rate(g.ToList(), r => r.Result.Level == SafetyLevel.Concern))).ToList());
    }

    private static string Card(
        string dataHash, List<SafetyMessage> train, int everydayCount, List<Operating> trials, Operating chosen, TestReport blind, TestReport old,
        List<string> everydayLevels, List<(SafetyMessage Message, SafetyResult Result)> blindResults)
    {
        static string F(double v) => v.ToString("F3", CultureInfo.InvariantCulture);
        var s = new StringBuilder();
        s.AppendLine("# Model card: safety check");
        s.AppendLine();
        s.AppendLine("Written by `dotnet run -c Release --project src/CoachService.Training -- safety`; do not edit by hand.");
        s.AppendLine();
        s.AppendLine($"Data hash (SHA-256 of models/data/safety and models/data/train): `{dataHash}`");
        s.AppendLine();
        s.AppendLine("## What it is");
        s.AppendLine();
        s.AppendLine($"- `safety.zip`: ML.NET L-BFGS maximum entropy over none / {string.Join(" / ", SafetyKind.Harmful)}, on word and character n-grams plus vectors from the service's one contextual reading ({Describe(chosen.Settings)}; everyday messages at weight {chosen.EverydayWeight}; {(chosen.ScoreSentences ? "each sentence of a longer message is also scored, read within its message, and the lowest P(none) counts" : "the whole message is scored")}: the trial below with the highest cross-validated danger recall).");
        s.AppendLine($"- Graded levels: **danger** when P(none) < **{F(chosen.Danger)}** or one of the explicit patterns in `SafetyCheck` matches (no rewrite, no questions, a pointer to help); **concern** when P(none) < **{F(chosen.Concern)}** (no rewrite, a short check-in line; questions are still asked); else none.");
        s.AppendLine($"- Both thresholds were chosen by 5-fold cross-validation on the training files, for recall: danger is the highest danger recall at which at most {MaxDangerFalseRate:P0} of everyday messages reach danger; concern is the highest recall of danger-or-concern messages at which at most {MaxConcernFalseRate:P0} of everyday messages are at concern.");
        if (chosen.Settings.FeatureSet == FeatureSet.NGramsEmbeddingContextAndSafetyHead)
        {
            s.AppendLine($"- The safety head (`{Core.Reading.SafetyHead.FileName}`, trained by `-- safety-head`): one layer over every token's state of the one contextual reading (GELU), pooled over the message by maximum and by mean, and mapped to the five classes; trained with python3-torch on the same files. The decider reads the logarithms of its probabilities; in cross-validation each message's came from a head trained without its fold ({Training.SafetyHead.SafetyHeadTrainer.Folds} folds, a pair's halves together).");
        }

        s.AppendLine("- The check reads the text with filter dodges undone (`SafetyText`: zero-width characters, look-alike letters, styled letters, accents, leetspeak, spaced letters).");
        s.AppendLine($"- Training data: {train.Count} messages in `models/data/safety/train*.jsonl` ({train.Count(m => m.Level == SafetyLevel.Danger)} danger, {train.Count(m => m.Level == SafetyLevel.Concern)} concern, {train.Count(m => m.Level == SafetyLevel.None)} everyday, many of them hard negatives), plus the {everydayCount} messages of the blame training split as everyday (never held out).");
        s.AppendLine();
        s.AppendLine("| Settings | Everyday weight | Sentences scored too | Danger below P(none) | CV danger recall | CV everyday at danger | Concern below P(none) | CV recall, danger or concern | CV everyday at concern |");
        s.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var t in trials)
        {
            s.AppendLine($"| {Describe(t.Settings)}{(t == chosen ? " (kept)" : "")} | {t.EverydayWeight} | {(t.ScoreSentences ? "yes" : "no")} | {F(t.Danger)} | {F(t.DangerRecall)} | {F(t.DangerFalseRate)} | {F(t.Concern)} | {F(t.AnyRecall)} | {F(t.ConcernFalseRate)} |");
        }

        s.AppendLine();
        s.AppendLine("Cross-validated danger recall of the kept trial by form (training files; round-1 files have no form):");
        s.AppendLine();
        RateTable(s, "Dangerous form (CV)", chosen.DangerByForm);

        s.AppendLine();
        s.AppendLine("## Blind test (`models/data/safety/test-round3/`, written by writers who saw no repository file)");
        s.AppendLine();
        s.AppendLine("| Test file | Dangerous | Everyday | Danger recall | Everyday at danger | Everyday at concern |");
        s.AppendLine("| --- | --- | --- | --- | --- | --- |");
        s.AppendLine($"| **round 3, blind** (`test-round3/`) | {blind.Dangerous} | {blind.Everyday} | **{F(blind.DangerRecall)}** | **{F(blind.EverydayDanger)}** | **{F(blind.EverydayConcern)}** |");
        s.AppendLine($"| round 1 (`test.jsonl`) | {old.Dangerous} | {old.Everyday} | {F(old.DangerRecall)} | {F(old.EverydayDanger)} | {F(old.EverydayConcern)} |");
        s.AppendLine();
        RateTable(s, "Dangerous kind (blind)", blind.DangerByKind);
        s.AppendLine();
        RateTable(s, "Dangerous form (blind)", blind.DangerByForm);

        s.AppendLine();
        s.AppendLine("| Everyday form (blind) | Messages | At danger | At concern |");
        s.AppendLine("| --- | --- | --- | --- |");
        foreach (var (group, count, danger, concern) in blind.EverydayByForm)
        {
            s.AppendLine($"| {group} | {count} | {F(danger)} | {F(concern)} |");
        }

        s.AppendLine();
        int atDanger = everydayLevels.Count(l => l == SafetyLevel.Danger), atConcern = everydayLevels.Count(l => l == SafetyLevel.Concern);
        s.AppendLine($"Everyday cost on the {everydayLevels.Count} messages of the blame test split (`models/data/test/`, ordinary complaints and kind messages): {atDanger} at danger ({F(atDanger / (double)everydayLevels.Count)}), {atConcern} at concern ({F(atConcern / (double)everydayLevels.Count)}).");
        s.AppendLine();
        var missed = blindResults.Where(r => r.Message.Level == SafetyLevel.Danger && !r.Result.Flagged).ToList();
        s.AppendLine($"Dangerous blind messages not at danger: {missed.Count} ({missed.Count(r => r.Result.Level == SafetyLevel.Concern)} of them at concern). Their texts are not listed here, so that the file stays a test: the trainer prints nothing of them either.");
        return s.ToString();
    }

    /// <summary>A table of groups of dangerous messages: how many, and the share at danger.</summary>
    private static void RateTable(StringBuilder s, string group, IEnumerable<(string Group, int Count, double Rate)> rows)
    {
        s.AppendLine($"| {group} | Messages | At danger |");
        s.AppendLine("| --- | --- | --- |");
        foreach (var (name, count, rate) in rows)
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {count} | {rate:F3} |");
        }
    }

    /// <summary>Out-of-fold scores on the safety files, for the message and for each of its sentences.</summary>
    private List<OutOfFold> CrossValidate(
        Pipelines pipelines, TrainerSettings settings, List<TrainingRow> rows, List<TrainingRow> all, Dictionary<(string Id, int Index), TrainingRow> sentenceRows, SafetyCheck rules, Dictionary<string, SafetyMessage> messages)
    {
        var outOfFold = new List<OutOfFold>();
        CrossValidation.ForEachFold(ml, all, Folds.Count, data => pipelines.FitMultiClass(settings, data, weighted: true), (fold, model) =>
        {
            var held = rows.Where(r => r.Fold == fold).ToList();
            int none = Array.IndexOf(SlotNames(model, held), SafetyKind.None);
            var messageNone = NoneScores(model, held, none);
            var sentenceKeys = sentenceRows.Keys.Where(k => held.Any(r => r.MessageId == k.Id)).ToList();
            var sentenceNone = sentenceKeys.Zip(NoneScores(model, sentenceKeys.Select(k => sentenceRows[k]).ToList(), none)).ToDictionary(x => x.First, x => x.Second);
            var lowestBySentence = sentenceNone.GroupBy(x => x.Key.Id).ToDictionary(g => g.Key, g => g.Min(x => x.Value), StringComparer.Ordinal);
            outOfFold.AddRange(held.Select((r, i) => new OutOfFold(
                messages[r.MessageId!].Level, messages[r.MessageId!].Form, rules.CheckPatterns(r.Text).Flagged, messageNone[i],
                Math.Min(messageNone[i], lowestBySentence.GetValueOrDefault(r.MessageId!, 1f)))));
        });

        return outOfFold;
    }

    /// <summary>Both thresholds, for recall within the everyday budgets (see the class summary).</summary>
    private static Operating Choose(List<OutOfFold> outOfFold, TrainerSettings settings, float everydayWeight, bool sentences)
    {
        var danger = outOfFold.Where(o => o.Level == SafetyLevel.Danger).ToList();
        var worrying = outOfFold.Where(o => o.Level != SafetyLevel.None).ToList();
        var everyday = outOfFold.Where(o => o.Level == SafetyLevel.None).ToList();
        static double Rate(List<OutOfFold> items, Func<OutOfFold, bool> test) => items.Count == 0 ? 0 : items.Count(test) / (double)items.Count;
        var grid = Thresholds.Hundredths(1, 98).ToList();

        // At or past a threshold: a pattern matched, or P(none) fell below it.
        Func<OutOfFold, bool> Below(float t) => o => o.RuleFlag || o.None(sentences) < t;
        float dangerThreshold = Thresholds.MostRecallWithin(grid, t => Rate(everyday, Below(t)), MaxDangerFalseRate, t => Rate(danger, Below(t)));
        // The concern budget counts the everyday messages at concern itself, as the issue's goal does ("at most 10%
        // at concern"); those at danger are already counted against the danger budget.
        Func<OutOfFold, bool> AtConcernOnly(float t) => o => !Below(dangerThreshold)(o) && Below(t)(o);
        float concernThreshold = Thresholds.MostRecallWithin(
            grid.Where(t => t >= dangerThreshold), t => Rate(everyday, AtConcernOnly(t)), MaxConcernFalseRate, t => Rate(worrying, Below(t)));
        return new Operating(
            settings, everydayWeight, sentences, dangerThreshold, concernThreshold,
            Rate(danger, Below(dangerThreshold)), Rate(everyday, Below(dangerThreshold)),
            Rate(worrying, Below(concernThreshold)), Rate(everyday, AtConcernOnly(concernThreshold)),
            danger.Where(o => o.Form is not null).GroupBy(o => o.Form!).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => (g.Key, g.Count(), Rate(g.ToList(), Below(dangerThreshold)))).ToList());
    }

    private List<float> NoneScores(ITransformer model, List<TrainingRow> rows, int none) =>
        rows.Count == 0 ? [] : model.Transform(ml.Data.LoadFromEnumerable(rows)).GetColumn<float[]>("Score").Select(s => s[none]).ToList();

    private string[] SlotNames(ITransformer model, List<TrainingRow> rows)
    {
        var names = default(VBuffer<ReadOnlyMemory<char>>);
        model.GetOutputSchema(ml.Data.LoadFromEnumerable(rows).Schema)["Score"].GetSlotNames(ref names);
        return names.DenseValues().Select(n => n.ToString()).ToArray();
    }

    private sealed record RawMessage(string Id, string Text, string Kind, string? Level, string? Form, string? Pair);

    /// <summary>A safety file; round-1 files have no level (a harmful kind is danger) and no form.</summary>
    internal static List<SafetyMessage> Load(string path)
    {
        var messages = new List<SafetyMessage>();
        foreach (var line in JsonLines.ReadNumbered<RawMessage>(path))
        {
            var raw = line.Value;
            if (string.IsNullOrWhiteSpace(raw.Text) || !Kinds.Contains(raw.Kind))
            {
                throw new InvalidDataException($"{line.Location}: needs id, text and a kind among {string.Join(", ", Kinds)}.");
            }

            string kind = raw.Kind == SafetyKind.Abuse && raw.Form is { } form && ControlForms.Contains(form) ? SafetyKind.Control : raw.Kind;
            string level = raw.Level ?? (kind == SafetyKind.None ? SafetyLevel.None : SafetyLevel.Danger);
            messages.Add(new SafetyMessage(raw.Id, raw.Text, kind, level, raw.Form, raw.Pair));
        }

        return messages;
    }
}
