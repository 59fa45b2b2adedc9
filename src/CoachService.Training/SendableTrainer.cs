using System.Globalization;
using System.Text;
using CoachService.Core.Data;
using CoachService.Core.Models;
using CoachService.Core.Reading;
using CoachService.Core.Rewriting;
using Microsoft.ML;

namespace CoachService.Training;

/// <summary>
/// Trains the whole-rewrite check (<see cref="SituationModel.SendableScore"/>): would a reader send this rewrite of this
/// message as it is? Learns from the blind rewrite panels already rated (each rewrite rated 0/1 on would send, concern
/// kept, blame-free and fluent by a rater who saw only the message and the rewrite): a rewrite is good when it passed
/// all four. Chooses the features and the threshold by cross-validation with whole panels held out, so the figures say
/// how the check does on a panel written from a brief it never saw.
/// </summary>
internal sealed class SendableTrainer(MLContext ml, MessageReader reader, TextWriter log)
{
    /// <summary>
    /// What offering a rewrite a reader would not send costs, against what offering one they would send is worth. The
    /// note that replaces a withheld rewrite helps less than a good rewrite, and a bad one misleads a little more than
    /// it helps: the sender sees it and can leave it, but may also send it. Half: a rewrite is offered when it is at
    /// least one chance in three to be sent as it is.
    /// </summary>
    internal const double BadRewriteCost = 0.5;

    private static readonly TrainerSettings[] Trials =
    [
        new(FeatureSet.NGramsEmbeddingAndContext, 4, 1f),
        new(FeatureSet.Everything, 4, 1f),
        new(FeatureSet.Everything, 4, 4f),
    ];

    /// <summary>The panels of the rewriter's latest form (facts kept beside the I-statement), reported on their own.</summary>
    private static readonly HashSet<string> LatestPanels = new(["panel-27", "panel-28", "panel-29", "panel-30"], StringComparer.Ordinal);

    private sealed record Pair(string Id, string Original, string? Rewrite);

    private sealed record Rating(string Id, Dictionary<string, int> Scores);

    private static readonly string[] Questions = ["would_send", "concern_kept", "blame_free", "fluent"];

    /// <summary>One rewrite as the raters saw it, with its panel and how many of its ratings passed all four questions.</summary>
    internal sealed record RatedRewrite(string Panel, string Original, string Rewrite, int Ratings, int AllFour)
    {
        public bool Good => 2 * AllFour > Ratings;
    }

    /// <summary>
    /// The rated folders of the panels named: each panel's folder, its <c>baseline/</c> and <c>final/</c>, where they
    /// hold rewrites and ratings.
    /// </summary>
    internal static List<string> Sources(IEnumerable<string> panels) =>
        [.. panels.SelectMany(p => new[] { p, Path.Combine(p, "baseline"), Path.Combine(p, "final") })
            .Where(f => File.Exists(Path.Combine(f, "rewrites.jsonl")) && Directory.GetFiles(f, "ratings-*.jsonl").Length > 0)];

    /// <summary>
    /// The rated rewrites in the folders, one a panel, message and rewrite. A rating copied into several folders of one
    /// pooled panel (the same rater's file, the same pair) counts once.
    /// </summary>
    internal static List<RatedRewrite> Read(IEnumerable<string> folders)
    {
        var pooled = new Dictionary<(string Panel, string Original, string Rewrite), (int Ratings, int AllFour)>();
        var counted = new HashSet<(string Panel, string File, string Original, string Rewrite)>();
        foreach (string folder in folders)
        {
            string name = Path.GetFileName(folder);
            string panel = Path.GetFileName(name is "baseline" or "final" ? Path.GetDirectoryName(folder)! : folder);
            var pairs = JsonLines.Read<Pair>(Path.Combine(folder, "rewrites.jsonl")).ToDictionary(p => p.Id, StringComparer.Ordinal);
            foreach (string file in Directory.GetFiles(folder, "ratings-*.jsonl").Order(StringComparer.Ordinal))
            {
                foreach (var rating in JsonLines.Read<Rating>(file))
                {
                    if (!pairs.TryGetValue(rating.Id, out var pair) || pair.Rewrite is null || !Questions.All(rating.Scores.ContainsKey)
                        || !counted.Add((panel, Path.GetFileName(file), pair.Original, pair.Rewrite)))
                    {
                        continue;
                    }

                    var key = (panel, pair.Original, pair.Rewrite);
                    var (n, good) = pooled.GetValueOrDefault(key);
                    pooled[key] = (n + 1, good + (Questions.All(q => rating.Scores[q] == 1) ? 1 : 0));
                }
            }
        }

        return [.. pooled.Select(p => new RatedRewrite(p.Key.Panel, p.Key.Original, p.Key.Rewrite, p.Value.Ratings, p.Value.AllFour))];
    }

    public string Train(string repo, IReadOnlyList<string> panels)
    {
        string modelsDirectory = Path.Combine(repo, "models");
        var sources = Sources(panels);
        var rated = Read(sources);
        var panelNames = rated.Select(r => r.Panel).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        log.WriteLine($"{rated.Count} rated rewrites from {panelNames.Count} panels ({sources.Count} folders), {rated.Count(r => r.Good)} good on all four");

        // Each rewrite and each message read by the service's own reader, as the rewriter's re-check and the analysis read them.
        var texts = rated.SelectMany(r => new[] { r.Original, r.Rewrite }).Distinct(StringComparer.Ordinal).ToList();
        var readings = new MessageReading[texts.Count];
        Parallel.For(0, texts.Count, i => readings[i] = reader.Read(texts[i]));
        var byText = texts.Select((t, i) => (t, i)).ToDictionary(x => x.t, x => readings[x.i], StringComparer.Ordinal);
        var rows = rated.Select(r =>
        {
            var features = SituationModel.SendableRow(byText[r.Rewrite], byText[r.Original].Vector);
            return new TrainingRow
            {
                Text = features.Text, Embedding = features.Embedding, Context = features.Context, Heads = features.Heads,
                Label = r.Good, MessageId = r.Original, MessageText = r.Original, Fold = Folds.Stable(r.Panel),
            };
        }).ToList();
        log.WriteLine($"read {texts.Count} texts");

        var pipelines = new Pipelines(ml);
        var results = Trials.Select(settings =>
        {
            var scores = CrossValidation.Probabilities(ml, rows, Folds.Count, pipelines.Blame(settings));
            var best = Best(rated, scores);
            log.WriteLine($"{settings}: best at {best.Threshold:F2}, keeps {Among(rated, scores, best.Threshold).Kept:P1}");
            var latest = Enumerable.Range(0, rated.Count).Where(i => LatestPanels.Contains(rated[i].Panel)).ToList();
            foreach (float t in Thresholds.Sweep(0.1f, 0.9f, 0.05f, inclusive: true))
            {
                var (kept, allFour) = Among(rated, scores, t);
                var (keptLatest, allFourLatest) = Among([.. latest.Select(i => rated[i])], [.. latest.Select(i => scores[i])], t);
                log.WriteLine($"    at {t:F2}: keeps {kept:P1}, all four {allFour:P1}; panels 27-30: keeps {keptLatest:P1}, all four {allFourLatest:P1}");
            }

            return (Settings: settings, Best: best, Scores: scores);
        }).ToList();
        var kept = results.MaxBy(r => r.Best.Value);
        var model = pipelines.Blame(kept.Settings).Fit(ml.Data.LoadFromEnumerable(rows));
        ml.Model.Save(model, ml.Data.LoadFromEnumerable(Array.Empty<SentenceRow>()).Schema, Path.Combine(modelsDirectory, SituationModel.SendableModelFileName));
        string dataHash = Hash(sources);
        new SituationModelInfo(kept.Best.Threshold, kept.Settings.FeatureSet, dataHash).Save(Path.Combine(modelsDirectory, SituationModel.SendableFileName));

        static string P(double v) => v.ToString("0.0 %", CultureInfo.InvariantCulture);
        static string F(double v) => v.ToString("0.00", CultureInfo.InvariantCulture);
        int good = rated.Count(r => r.Good);
        var s = new StringBuilder();
        s.AppendLine("# Model card: the whole-rewrite check");
        s.AppendLine();
        s.AppendLine("Written by `dotnet run -c Release --project src/CoachService.Training -- sendable`; do not edit by hand.");
        s.AppendLine();
        s.AppendLine("- **What it does.** Every rewrite the rewriter composes has passed the classifier's re-check and the mechanical checks. Blind raters still found most of them wanting: facts dropped, a jab kept, a clumsy join. This model reads the rewrite beside its message and gives the probability that a reader would send it as it is (passing all four of the panels' questions: would send, concern kept, blame-free, fluent). Below the threshold the rewrite is not offered: the sender gets the note that the service found no version it is confident in, and how to write one.");
        s.AppendLine($"- **Features** (`SituationModel.SendableRow`, the same in training and in service): the rewrite's word and character n-grams, its vector, the message's vector less the rewrite's (what the message says that the rewrite does not), and the fine-tuned heads' reading of the rewrite's sharpest sentence. Every text is read by the service's own reader.");
        s.AppendLine($"- **Data.** The rated rewrites of the blind rewrite panels {string.Join(", ", panelNames)} (each folder with its `baseline/` and `final/`), all measured before this training: {rated.Count} distinct (panel, message, rewrite) triples with {rated.Sum(r => r.Ratings)} ratings; {good} ({P(good / (double)rated.Count)}) passed all four. The rewrites come from many versions of the rewriter.");
        s.AppendLine($"- **Kept:** ML.NET L-BFGS logistic regression on {kept.Settings}; a rewrite is offered when its probability is at least **{F(kept.Best.Threshold)}**. Each row of the table has the threshold with the most value out of fold: every rating of a kept rewrite that passed all four counts 1, every one that did not costs {BadRewriteCost.ToString(CultureInfo.InvariantCulture)} (a rewrite a reader would not send misleads a little more than it helps; a withheld one counts nothing, as the note that replaces it helps less than a good rewrite). The kept row has the most value. The issue's goal of {P(0.75)} all four among the rewrites offered is not reached at any threshold that keeps a useful share. Folds hold out whole panels ({Folds.Count} folds by panel name), so each figure is of panels the fold's model never saw.");
        s.AppendLine($"- Data hash `{dataHash}`.");
        s.AppendLine();
        s.AppendLine("| Features | Threshold | Value | Rewrites kept | All four among kept | All four among dropped |");
        s.AppendLine("| --- | --- | --- | --- | --- | --- |");
        foreach (var r in results)
        {
            string mark = r.Settings == kept.Settings ? " **(kept)**" : "";
            float t = r.Best.Threshold;
            var (keptShare, allFour) = Among(rated, r.Scores, t);
            var dropped = rated.Where((x, i) => r.Scores[i] < t).ToList();
            s.AppendLine($"| {r.Settings}{mark} | {F(t)} | {r.Best.Value.ToString("0", CultureInfo.InvariantCulture)} | {P(keptShare)} | {P(allFour)} | {P(dropped.Sum(x => x.AllFour) / (double)Math.Max(1, dropped.Sum(x => x.Ratings)))} |");
        }

        s.AppendLine();
        s.AppendLine($"Without the check: all four in {P(rated.Sum(r => r.AllFour) / (double)rated.Sum(r => r.Ratings))} of the ratings. The threshold was chosen on the same out-of-fold scores it is reported on, and the panels were read during development, so these figures are optimistic; what the check does is measured on a panel written and rated blind after it (README, \"How a rewrite is made\").");
        return s.ToString();
    }

    /// <summary>The share of rewrites kept at threshold <paramref name="t"/>, and the share of their ratings that pass all four.</summary>
    private static (double Kept, double AllFour) Among(List<RatedRewrite> rated, double[] scores, float t)
    {
        var kept = rated.Where((r, i) => scores[i] >= t).ToList();
        return (kept.Count / (double)rated.Count, kept.Sum(r => r.AllFour) / (double)Math.Max(1, kept.Sum(r => r.Ratings)));
    }

    /// <summary>
    /// The threshold with the most value out of fold: each rating of a kept rewrite that passes all four counts 1, each
    /// one that does not costs <see cref="BadRewriteCost"/>; a withheld rewrite counts nothing. Also its value.
    /// </summary>
    private static (float Threshold, double Value) Best(List<RatedRewrite> rated, double[] scores) =>
        Thresholds.Sweep(0.05f, 0.95f, 0.01f)
            .Select(t => (Threshold: t, Value: rated.Where((r, i) => scores[i] >= t).Sum(r => r.AllFour - BadRewriteCost * (r.Ratings - r.AllFour))))
            .MaxBy(x => x.Value);

    /// <summary>A hash of the rated panels' rewrites and ratings that the trials learned from.</summary>
    private static string Hash(IEnumerable<string> sources)
    {
        using var sha = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (string file in sources.SelectMany(folder => Directory.GetFiles(folder, "*.jsonl")
            .Where(f => Path.GetFileName(f) is var n && (n == "rewrites.jsonl" || n.StartsWith("ratings-", StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal)))
        {
            sha.AppendData(File.ReadAllBytes(file));
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset())[..16];
    }
}
