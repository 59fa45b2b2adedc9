using CoachService.Core.Embeddings;
using CoachService.Core.Knowledge;
using CoachService.Training;
using Microsoft.ML;

// Trains the models from models/data and writes them, with their model card, to models/:
//   dotnet run --project src/CoachService.Training
// Evaluates the rewriter on models/eval/rewrite-messages.jsonl and writes models/eval/REWRITE_REPORT.md:
//   dotnet run --project src/CoachService.Training -- rewrite-report [--seed N]
// Re-embeds the articles in seeds/ into models/knowledge-index.bin and trains the section ranker on them and the
// development queries in seeds/eval/ (models/section-ranker.*; also done by train):
//   dotnet run --project src/CoachService.Training -- index
// Measures the article index on seeds/eval/ and writes models/eval/RETRIEVAL_REPORT.md:
//   dotnet run --project src/CoachService.Training -- retrieval-report
// Retrains only the blame, category and concern models, or only the safety model (both done by train):
//   dotnet run --project src/CoachService.Training -- blame [--work DIR] [--max-kind-flagged X]
//   dotnet run --project src/CoachService.Training -- safety [--head-work DIR]
// Trains the safety head over the encoder's token states (Debian's python3-torch), writing models/safety-head.json and
// the out-of-fold reading the safety step reads from --head-work (default artifacts/safety-head):
//   dotnet run --project src/CoachService.Training -- safety-head [--head-work DIR] [--epochs N]
// Fine-tunes the encoder's top layers on models/data/train (Debian's python3-torch; README, "Train it"), writing the
// out-of-fold reading the blame step reads into --work:
//   dotnet run --project src/CoachService.Training -- finetune [--layers N] [--epochs N] [--folds N] [--anchor X] [--encoder-lr X] [--no-final] [--work DIR]
//     [--drafts FROM-TO [--drafts-every N]]  (also learn from rewrite panels' blind drafts as whole blaming messages)
//     [--only-fold K --no-final]  (a quick trial of a recipe: one held-out fold, scored as the blame step scores its own head)
// Copies a fine-tuning's out-of-fold reading to another folder, adding messages it lacks read by the committed encoder:
//   dotnet run --project src/CoachService.Training -- oof-extend --work DIR --to DIR
// The clause check: writes candidate "when" clauses for raters, then trains on their ratings (models/data/situation):
//   dotnet run --project src/CoachService.Training -- situation-candidates --out FILE [--every N] [--panels A-B]
//   dotnet run --project src/CoachService.Training -- situation [--used-share X]
// The question anchor check, trained on the blind question panels already measured (models/eval/panel-12 to 25) and the
// question sets rated for it (models/data/anchors):
//   dotnet run --project src/CoachService.Training -- anchor [--panels 12-25]
// The blind rewrite and question panels: writes rewrites.jsonl and questions.jsonl for the raters into a panel
// folder (models/eval/panel/ unless --panel names another), then reports on their ratings:
//   dotnet run --project src/CoachService.Training -- rewrite-quality --last-panel N [--keep-good 0.85]
//   dotnet run --project src/CoachService.Training -- rewrite-panel write [--seed N] [--panel DIR]
//   dotnet run --project src/CoachService.Training -- rewrite-panel report [--panel DIR]
// Writes the kept feedback verdicts (POST /v1/feedback with Coach:Feedback:Database) as JSON lines for review:
//   dotnet run --project src/CoachService.Training -- feedback-export --database PATH [--retention-days N, as the service's]
// A development check of the question engine's variety on blaming training messages (no test split):
//   dotnet run --project src/CoachService.Training -- question-variety [--every N]
// Measures the committed detector on a folder of labelled messages (the data format), counts only:
//   dotnet run -c Release --project src/CoachService.Training -- blame-report --set DIR
// (with --sweep, DIR may be several folders joined by commas: pooled counts at thresholds 0.30 to 0.80, step 0.02)
// The rewriter's lines on a sentence's blame score for the committed reader (the blame step chooses them too), or the
// share of panels 52-58's blaming drafts' sentences under given lines:
//   dotnet run -c Release --project src/CoachService.Training -- rewrite-cuts [--measure 0.42,0.15]
// Measures the committed safety check on a folder of blind messages ({"id","text","harmful"} a line), counts only:
//   dotnet run --project src/CoachService.Training -- safety-report --set DIR [--everyday] [--models DIR]
// (with --everyday, DIR holds the detector's labelled data instead, none of it harmful: false alarms only)
// Measures the language check on its evaluation and development sets and writes models/eval/language/LANGUAGE_REPORT.md
// (or, with --set, prints the figures for any set and the ids it gets wrong):
//   dotnet run --project src/CoachService.Training -- language-report [--set PATH]
string command = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "train";
string repo = Option("--repo") is { } r ? Path.GetFullPath(r) : FindRepositoryRoot();
string modelsDirectory = Path.Combine(repo, "models");

var started = System.Diagnostics.Stopwatch.StartNew();
// The service's own reader (the fine-tuned encoder), made only by the commands that read text with it.
var tokenizer = CoachService.Core.Reading.WordPieceTokenizer.LoadEmbedded();
var tunedEncoder = new Lazy<CoachService.Core.Reading.ContextualEncoder>(() => new CoachService.Core.Reading.ContextualEncoder(
    CoachService.Core.Reading.FineTunedWeights.Load(Path.Combine(modelsDirectory, CoachService.Core.Reading.FineTunedWeights.FileName)), intraOpThreads: 2));
CoachService.Core.Reading.MessageReader Reader() => new(tokenizer, tunedEncoder.Value, CoachService.Core.Reading.SafetyHead.LoadIfPresent(modelsDirectory, tunedEncoder.Value.Weights?.Version ?? "base"));
SentenceEmbedder Embedder() => new(Reader());
switch (command)
{
    case "train":
        var ml = new MLContext(seed: 20261128);
        TrainBlame(ml);
        TrainSafety(ml);
        BuildKnowledgeIndex();
        Console.WriteLine($"wrote models and MODEL_CARD.md to {modelsDirectory} in {started.Elapsed.TotalSeconds:F0} s");
        break;
    case "rewrite-report":
        int seed = Option("--seed") is { } s ? int.Parse(s, System.Globalization.CultureInfo.InvariantCulture) : 2026;
        string markdown = new RewriteReport(Console.Out).Run(repo, seed);
        string path = Path.Combine(modelsDirectory, "eval", "REWRITE_REPORT.md");
        File.WriteAllText(path, markdown);
        Console.WriteLine($"wrote {path} in {started.Elapsed.TotalSeconds:F0} s");
        break;
    case "retrieval-report":
        string retrieval = Path.Combine(modelsDirectory, "eval", "RETRIEVAL_REPORT.md");
        File.WriteAllText(retrieval, new RetrievalReport(Embedder(), Console.Out).Run(repo));
        Console.WriteLine($"wrote {retrieval}");
        break;
    case "safety":
        TrainSafety(new MLContext(seed: 20261128));
        break;
    case "blame":
        TrainBlame(new MLContext(seed: 20261128));
        break;
    case "index":
        BuildKnowledgeIndex();
        break;
    case "rewrite-panel":
        string panelAction = args.SkipWhile(a => a != "rewrite-panel").Skip(1).FirstOrDefault() ?? "write";
        string panelDirectory = Path.GetFullPath(Option("--panel") ?? Path.Combine(modelsDirectory, "eval", "panel"));
        if (panelAction == "report")
        {
            string panelReport = Path.Combine(panelDirectory, "REWRITE_PANEL.md");
            if (Directory.GetFiles(panelDirectory, "ratings-*.jsonl").Length > 0)
            {
                File.WriteAllText(panelReport, RewritePanel.Report(panelDirectory));
            }

            string questionReport = Path.Combine(panelDirectory, "QUESTION_PANEL.md");
            File.WriteAllText(questionReport, RewritePanel.QuestionReport(panelDirectory));
            Console.WriteLine($"wrote the reports in {panelDirectory}");
        }
        else
        {
            Console.WriteLine("ten rewrites picked at random:");
            Console.WriteLine(RewritePanel.Write(repo, panelDirectory, Option("--seed") is { } panelSeed ? int.Parse(panelSeed, System.Globalization.CultureInfo.InvariantCulture) : 2026, Console.Out));
        }

        break;
    case "feedback-export":
        // The kept feedback verdicts as JSON lines, for a person to review; nothing is trained from them.
        string database = Option("--database") ?? throw new ArgumentException("feedback-export needs --database PATH (the Coach:Feedback:Database file).");
        var store = new CoachService.Core.Feedback.FeedbackStore(
            Microsoft.Extensions.Options.Options.Create(new CoachService.Core.Feedback.FeedbackOptions { Enabled = true, Database = database, RetentionDays = IntOption("--retention-days", 30) }),
            TimeProvider.System);
        foreach (var row in store.Export())
        {
            Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(row, System.Text.Json.JsonSerializerOptions.Web));
        }

        break;
    case "question-variety":
        Console.Write(QuestionVariety.Run(repo, IntOption("--every", 10)));
        break;
    case "oof-extend":
        {
            string fromWork = Option("--work") ?? throw new ArgumentException("oof-extend needs --work DIR (the fine-tuning's folder)");
            string toWork = Option("--to") ?? throw new ArgumentException("oof-extend needs --to DIR");
            using var frozenEncoder = new CoachService.Core.Reading.ContextualEncoder(null, intraOpThreads: 2);
            var frozenReader = new CoachService.Core.Reading.MessageReader(tokenizer, frozenEncoder);
            var (oldCount, addedCount) = CoachService.Training.FineTune.OutOfFoldExtension.Write(repo, fromWork, toWork, Reader(), frozenReader, tokenizer);
            Console.WriteLine($"{oldCount} out-of-fold readings kept, {addedCount} messages read by the committed encoder added, in {toWork}");
            break;
        }

    case "situation":
        File.WriteAllText(Path.Combine(modelsDirectory, "SITUATION_MODEL_CARD.md"), new SituationTrainer(new MLContext(seed: 20261128), Embedder(), Console.Out).Train(Path.Combine(modelsDirectory, "data"), modelsDirectory, Option("--used-share") is string used ? double.Parse(used, System.Globalization.CultureInfo.InvariantCulture) : null));
        Console.WriteLine("wrote the situation model and SITUATION_MODEL_CARD.md");
        break;
    case "rewrite-quality":
        // The rewrite check, trained on the rewrite panels already rated and read (panels up to --last-panel; later ones stay blind).
        int qualityLast = Option("--last-panel") is string last ? int.Parse(last, System.Globalization.CultureInfo.InvariantCulture) : throw new ArgumentException("rewrite-quality needs --last-panel N: the last rated panel that has been read");
        double keepGood = Option("--keep-good") is string keep ? double.Parse(keep, System.Globalization.CultureInfo.InvariantCulture) : 0.85;
        File.WriteAllText(Path.Combine(modelsDirectory, "REWRITE_CHECK_CARD.md"), new RewriteQualityTrainer(new MLContext(seed: 20261128), Embedder(), Console.Out).Train(Path.Combine(modelsDirectory, "eval"), modelsDirectory, qualityLast, keepGood));
        Console.WriteLine("wrote the rewrite check and REWRITE_CHECK_CARD.md");
        break;
    case "anchor":
        // The question anchor check, trained on the question panels already measured (--panels FROM-TO, folders models/eval/panel-N) and models/data/anchors.
        var (firstPanel, lastPanel) = RangeOption("--panels") ?? (12, 25);
        var anchorPanels = Enumerable.Range(firstPanel, Math.Max(0, lastPanel - firstPanel + 1)).Select(n => Path.Combine(modelsDirectory, "eval", $"panel-{n}")).ToList();
        if (anchorPanels.Count == 0 || anchorPanels.Any(p => !Directory.Exists(p)))
        {
            throw new ArgumentException($"--panels FROM-TO names panels models/eval/panel-FROM to panel-TO, which must exist ({Option("--panels")}).");
        }

        File.WriteAllText(Path.Combine(modelsDirectory, "ANCHOR_MODEL_CARD.md"), new AnchorTrainer(new MLContext(seed: 20261128), Embedder(), Console.Out).Train(repo, anchorPanels));
        Console.WriteLine("wrote the question anchor check and ANCHOR_MODEL_CARD.md");
        break;
    case "situation-candidates":
        Console.WriteLine($"wrote {SituationCandidates.Write(repo, Path.GetFullPath(Option("--out") ?? "situation-candidates.jsonl"), IntOption("--every", 1),
            RangeOption("--panels"))} clauses");
        break;
    case "blame-report":
        // The committed detector on any labelled folder, as the trainer reports a split: counts only, no text.
        string blameSets = Option("--set") ?? throw new ArgumentException("blame-report needs --set DIR");
        if (args.Contains("--sweep"))
        {
            // Several folders, comma-separated, are pooled: the same counts at each threshold from 0.30 to 0.80.
            var pooled = blameSets.Split(',').SelectMany(d => CoachService.Core.Data.LabelledDataSet.LoadDirectory(Path.GetFullPath(d))).ToList();
            Console.Write(ThresholdSweep.Run(pooled, CoachService.Core.Detection.BlameClassifier.Load(modelsDirectory, Reader()), Thresholds.Sweep(0.30f, 0.81f, 0.02f)));
            break;
        }

        string blameSet = Path.GetFullPath(blameSets);
        var blameSplit = SplitEvaluation.Run(blameSet, CoachService.Core.Data.LabelledDataSet.LoadDirectory(blameSet), CoachService.Core.Detection.BlameClassifier.Load(modelsDirectory, Reader()));
        Console.WriteLine(ModelCard.SplitHeader);
        Console.WriteLine(ModelCard.SplitRow(blameSplit));
        Console.WriteLine();
        Console.Write(ModelCard.SplitDetail(blameSplit));
        break;
    case "rewrite-cuts":
        {
            // The rewriter's lines for the committed reader (also chosen by the blame step), or, with --measure, the share of sentences under given lines.
            var cutClassifier = CoachService.Core.Detection.BlameClassifier.Load(modelsDirectory, Reader());
            if (Option("--measure") is { } lines)
            {
                var scores = RewriteCuts.SentenceScores(repo, cutClassifier);
                foreach (float line in lines.Split(',').Select(l => float.Parse(l, System.Globalization.CultureInfo.InvariantCulture)))
                {
                    Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{line}: {RewriteCuts.ShareBelow(scores, line):P2} of {scores.Length} sentences of panels {RewriteCuts.FirstPanel}-{RewriteCuts.LastPanel}'s blaming drafts under it"));
                }
            }
            else
            {
                RewriteCuts.ChooseAndSave(repo, modelsDirectory, cutClassifier, Console.Out);
            }

            break;
        }

    case "safety-report":
        Console.Write(SafetyReport.Run(
            repo, Path.GetFullPath(Option("--set") ?? throw new ArgumentException("safety-report needs --set DIR")), everyday: args.Contains("--everyday"),
            models: Option("--models") is { } models ? Path.GetFullPath(models) : null));
        break;
    case "language-report":
        var languageCheck = new CoachService.Core.Text.LanguageCheck(tokenizer);
        if (Option("--set") is { } set)
        {
            Console.WriteLine(LanguageReport.Run(set, languageCheck, Console.Out));
            break;
        }

        string languageDirectory = Path.Combine(modelsDirectory, "eval", "language");
        string languageReport = Path.Combine(languageDirectory, "LANGUAGE_REPORT.md");
        File.WriteAllText(languageReport, string.Join(
            "\n",
            "# Language check",
            "",
            "Written by `dotnet run -c Release --project src/CoachService.Training -- language-report`. The constants and word lists of `LanguageCheck` were chosen on the development sets; the evaluation set was written by other writers who saw no repository file, and only its counts have been read (before and after the seventh session's change).",
            "",
            "## Evaluation set (`set-2/language-set-2.jsonl`)",
            "",
            LanguageReport.Run(Path.Combine(languageDirectory, "set-2", "language-set-2.jsonl"), languageCheck, TextWriter.Null),
            "## Development set (`dev/language-dev.jsonl`)",
            "",
            LanguageReport.Run(Path.Combine(languageDirectory, "dev", "language-dev.jsonl"), languageCheck, TextWriter.Null),
            "## First evaluation set, now development (`dev/language-set-1.jsonl`: its misses were read in the seventh session)",
            "",
            LanguageReport.Run(Path.Combine(languageDirectory, "dev", "language-set-1.jsonl"), languageCheck, TextWriter.Null)));
        Console.WriteLine($"wrote {languageReport}");
        break;
    case "safety-head":
        CoachService.Training.SafetyHead.SafetyHeadTrainer.Run(repo, Reader(), SafetyHeadWork(), IntOption("--epochs", 8), Console.Out);
        Console.WriteLine($"trained the safety head in {started.Elapsed.TotalMinutes:F1} min");
        break;
    case "finetune":
        string fineTuneWork = Option("--work") ?? Path.Combine(repo, "artifacts", "finetune");
        int? trialFold = Option("--only-fold") is string onlyFold ? int.Parse(onlyFold, System.Globalization.CultureInfo.InvariantCulture) : null;
        new CoachService.Training.FineTune.FineTuner(Console.Out).Run(
            repo,
            fineTuneWork,
            layers: IntOption("--layers", 3),
            epochs: IntOption("--epochs", 3),
            folds: IntOption("--folds", 0),
            final: !args.Contains("--no-final"),
            anchor: DoubleOption("--anchor", 0.3),
            encoderLearningRate: DoubleOption("--encoder-lr", 5e-5),
            limit: IntOption("--every", 1),
            drafts: RangeOption("--drafts") is (int firstDraft, int lastDraft)
                ? new CoachService.Training.FineTune.FineTuner.DraftSelection(firstDraft, lastDraft, IntOption("--drafts-every", 1))
                : null,
            onlyFold: trialFold);
        if (trialFold is not null)
        {
            // The held-out fold's messages, scored by the blame step's own rule (its card's "own blame head" row).
            var (trialExamples, trialReading) = ReadingData.Load(Path.Combine(modelsDirectory, "data"), Path.Combine(fineTuneWork, CoachService.Training.FineTune.FineTuner.TrialOutOfFoldFileName));
            Console.WriteLine($"held-out fold: {trialExamples.Count} messages ({trialExamples.Count(e => e.Message.HasBlame)} blaming)");
            var trialMl = new MLContext(seed: 20261128);
            new ReadingSearch(trialMl, new Pipelines(trialMl), Console.Out).OwnHead(ReadingData.TunedRows(trialExamples, trialReading));
        }

        Console.WriteLine($"fine-tuned in {started.Elapsed.TotalMinutes:F1} min");
        break;
    default:
        Console.Error.WriteLine(
            "usage: CoachService.Training [train | finetune [options] | oof-extend --work DIR --to DIR | blame [--work DIR] [--max-kind-flagged X] | safety [--head-work DIR] | situation-candidates --out FILE [--every N] [--panels FROM-TO] | situation [--used-share X] | anchor [--panels FROM-TO]"
            + " | safety-head [--head-work DIR] [--epochs N] | index | rewrite-report [--seed N] | retrieval-report | rewrite-panel write|report [--panel DIR] | question-variety [--every N]"
            + " | blame-report --set DIR | safety-report --set DIR [--everyday] [--models DIR] | language-report [--set PATH] | feedback-export --database PATH] [--repo PATH]");
        return 2;
}

return 0;

void TrainBlame(MLContext ml)
{
    string oof = Path.Combine(Option("--work") ?? Path.Combine(repo, "artifacts", "finetune"), "oof.jsonl");
    if (!File.Exists(oof))
    {
        throw new FileNotFoundException($"{oof} is missing: run the fine-tuning step with folds first (-- finetune --folds 3).", oof);
    }

    var report = new ReadingTrainer(ml, Console.Out, Option("--max-kind-flagged") is { } cap ? double.Parse(cap, System.Globalization.CultureInfo.InvariantCulture) : null).Train(repo, oof, Reader());
    string summary = CoachService.Training.FineTune.FineTuner.Summary(modelsDirectory);
    File.WriteAllText(Path.Combine(modelsDirectory, "MODEL_CARD.md"), ModelCard.Render(report, summary));
    foreach (var split in report.Splits)
    {
        Console.WriteLine($"{split.Name}: message F1 {split.MessageCounts.F1:F3}, kind flagged {split.FalsePositiveRate:F3}, highlight F1 {split.HighlightF1:F3}");
    }
}

string SafetyHeadWork() => Option("--head-work") ?? Path.Combine(repo, "artifacts", "safety-head");

void TrainSafety(MLContext ml)
{
    // The decider that reads the safety head is tried only when the head's out-of-fold reading is there.
    string headOutOfFold = CoachService.Training.SafetyHead.SafetyHeadTrainer.OutOfFoldPath(SafetyHeadWork());
    var head = File.Exists(headOutOfFold) ? CoachService.Training.SafetyHead.SafetyHeadTrainer.ReadOutOfFold(SafetyHeadWork()) : null;
    Console.WriteLine(head is null ? $"no {headOutOfFold}: the safety head is not tried" : $"the safety head's out-of-fold reading: {headOutOfFold}");
    string card = new SafetyTrainer(ml, Reader(), Console.Out, head).Train(Path.Combine(modelsDirectory, "data"), modelsDirectory);
    File.WriteAllText(Path.Combine(modelsDirectory, "SAFETY_MODEL_CARD.md"), card);
    Console.WriteLine("wrote the safety model and SAFETY_MODEL_CARD.md");
}

void BuildKnowledgeIndex()
{
    string path = Path.Combine(modelsDirectory, KnowledgeIndex.CacheFileName);
    File.Delete(path);
    var embedder = Embedder();
    var index = new KnowledgeIndex(ArticleLibrary.LoadDirectory(Path.Combine(repo, "seeds")), embedder, path);
    Console.WriteLine($"wrote {path}");
    new SectionRankerTrainer(new MLContext(seed: 20261206), embedder, Console.Out).Train(repo, index, modelsDirectory);
    Console.WriteLine($"wrote {Path.Combine(modelsDirectory, SectionRankerInfo.FileName)} and {SectionRankerInfo.ModelFileName} in {started.Elapsed.TotalSeconds:F0} s");
}

int IntOption(string name, int fallback) =>
    Option(name) is { } value ? int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : fallback;

double DoubleOption(string name, double fallback) =>
    Option(name) is { } value ? double.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : fallback;

// "FROM-TO" (or one number) as a pair of panel numbers; null when the option is not given.
(int From, int To)? RangeOption(string name)
{
    if (Option(name) is not { } value)
    {
        return null;
    }

    string[] ends = value.Split('-');
    return (int.Parse(ends[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(ends[^1], System.Globalization.CultureInfo.InvariantCulture));
}

string? Option(string name)
{
    int i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

static string FindRepositoryRoot()
{
    for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "CoachService.sln")))
        {
            return dir.FullName;
        }
    }

    throw new DirectoryNotFoundException("Run from inside the repository, or pass --repo <path>.");
}
