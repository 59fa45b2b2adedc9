using System.Globalization;
using System.Text;
using CoachService.Core.Data;
using CoachService.Core.Knowledge;
using CoachService.Core.Models;
using CoachService.Core.Rewriting;
using Microsoft.ML;

namespace CoachService.Training;

/// <summary>
/// Trains the check of a question anchor (<see cref="SituationModel.AnchorScore"/>): would three
/// questions hung on "When {situation}, …" put the sender off? Learns from the blind question panels already measured
/// and the question sets rated for it (<see cref="Sources"/>; each question rated 0/1 on off-putting by a rater who saw
/// only the message and its questions): an anchor is bad when at least half of the ratings of its questions found them
/// off-putting. Chooses the features and the threshold by cross-validation (folds by message).
/// </summary>
internal sealed class AnchorTrainer(MLContext ml, CoachService.Core.Embeddings.SentenceEmbedder embedder, TextWriter log)
{
    /// <summary>The question issue's goal for off-putting questions, which the threshold reaches on the panels read.</summary>
    private const double OffPuttingGoal = 0.05;

    private static readonly bool[] WithAndWithoutClauses = [false, true];

    private static readonly TrainerSettings[] Trials =
    [
        new(FeatureSet.NGrams, 3, 1f),
        new(FeatureSet.NGrams, 4, 0.25f),
        new(FeatureSet.NGrams, 4, 1f),
        new(FeatureSet.NGramsAndEmbedding, 3, 1f),
        new(FeatureSet.NGramsEmbeddingAndContext, 3, 1f),
    ];

    private sealed record QuestionSet(string Id, string Original, IReadOnlyList<string> Questions);

    private sealed record QuestionRating(string Id, int Index, Dictionary<string, int> Scores);

    private sealed record RatedClause(string Cid, string Message, string Clause);

    private sealed record ClauseRating(string Cid, int Fluent, int Faithful, [property: System.Text.Json.Serialization.JsonPropertyName("blame_free")] int BlameFree);

    /// <summary>
    /// The rewrite clauses people rated (<c>models/data/situation</c>), from the sender's side as the questions would
    /// put them: good when fluent, faithful and blame-free. They teach what a garbled clause looks like from far more
    /// plain ones ("you don't help with the dishes") than the panels hold.
    /// </summary>
    private static List<(string Message, string View, bool Good)> RatedClauses(string repo)
    {
        string folder = Path.Combine(repo, "models", "data", "situation");
        var clauses = JsonLines.Read<RatedClause>(Path.Combine(folder, "candidates.jsonl")).ToDictionary(c => c.Cid, StringComparer.Ordinal);
        return Directory.GetFiles(folder, "ratings-*.jsonl").Order(StringComparer.Ordinal)
            .SelectMany(file => JsonLines.Read<ClauseRating>(file))
            .Select(r => (clauses[r.Cid].Message, CoachService.Core.Reflection.SendersView.Of(clauses[r.Cid].Clause.TrimEnd('.', '!', '?', ' ')), r.Fluent == 1 && r.Faithful == 1 && r.BlameFree == 1))
            .ToList();
    }

    /// <summary>One anchor as the raters saw it: the message, the "when" clause and the ratings of its questions.</summary>
    internal sealed record RatedAnchor(string Message, string Anchor, int Ratings, int OffPutting, int Relevant)
    {
        public bool Bad => 2 * OffPutting >= Ratings;
    }

    /// <summary>
    /// The folders of rated question sets to learn from, in order: each panel's folder and its <c>baseline/</c>, then
    /// <c>models/data/anchors</c> (question sets on the training split's messages, rated for this check).
    /// </summary>
    internal static List<string> Sources(string repo, IEnumerable<string> panels) =>
        [.. panels.SelectMany(p => new[] { p, Path.Combine(p, "baseline") }), Path.Combine(repo, "models", "data", "anchors")];

    /// <summary>
    /// The anchors of the composed questions in the given folders, one a message and clause, their ratings pooled. A
    /// rating copied into both folders of a pooled panel (the same rater's file, the same question) counts once.
    /// </summary>
    /// <returns>The anchors, and how many ratings were of questions no pattern of today's articles composes (left out).</returns>
    internal static (List<RatedAnchor> Anchors, int Skipped) Read(string repo, IEnumerable<string> folders)
    {
        var library = ArticleLibrary.LoadDirectory(Path.Combine(repo, "seeds"));
        var endings = library.Articles.SelectMany(a => a.Sections).SelectMany(s => s.Questions)
            .Where(q => q.Text.StartsWith("When " + ArticleQuestion.SituationSlot, StringComparison.Ordinal))
            .Select(q => q.Text[("When " + ArticleQuestion.SituationSlot).Length..])
            .OrderByDescending(e => e.Length)
            .ToList();
        var pooled = new Dictionary<(string Message, string Anchor), (int Ratings, int Off, int Relevant)>();
        var counted = new HashSet<(string Panel, string File, string Message, string Question)>();
        int skipped = 0;
        foreach (string folder in folders.Where(f => File.Exists(Path.Combine(f, "questions.jsonl"))))
        {
            var sets = JsonLines.Read<QuestionSet>(Path.Combine(folder, "questions.jsonl")).ToDictionary(s => s.Id, StringComparer.Ordinal);
            string panel = Path.GetFileName(folder) == "baseline" ? Path.GetDirectoryName(folder)! : folder;
            foreach (string file in Directory.GetFiles(folder, "question-ratings-*.jsonl").Order(StringComparer.Ordinal))
            {
                foreach (var rating in JsonLines.Read<QuestionRating>(file))
                {
                    var set = sets[rating.Id];
                    string question = set.Questions[rating.Index];
                    string? ending = endings.FirstOrDefault(e => question.EndsWith(e, StringComparison.Ordinal) && question.StartsWith("When ", StringComparison.Ordinal));
                    if (ending is null)
                    {
                        skipped++;
                        continue;
                    }

                    if (!counted.Add((panel, Path.GetFileName(file), set.Original, question)))
                    {
                        continue;
                    }

                    var key = (set.Original, question["When ".Length..^ending.Length]);
                    var (n, off, relevant) = pooled.GetValueOrDefault(key);
                    pooled[key] = (n + 1, off + rating.Scores["off_putting"], relevant + rating.Scores["relevant"]);
                }
            }
        }

        return (pooled.Select(p => new RatedAnchor(p.Key.Message, p.Key.Anchor, p.Value.Ratings, p.Value.Off, p.Value.Relevant)).ToList(), skipped);
    }

    public string Train(string repo, IReadOnlyList<string> panels)
    {
        string modelsDirectory = Path.Combine(repo, "models");
        var sources = Sources(repo, panels);
        var (anchors, skipped) = Read(repo, sources);
        var clauses = RatedClauses(repo);
        // The panels' anchors, each held out in its fold, then the rated rewrite clauses: those of a message the anchors
        // also have are held out with it, the others never (fold -1). The out-of-fold figures are the anchors' alone.
        var anchorMessages = anchors.Select(a => a.Message).ToHashSet(StringComparer.Ordinal);
        var rows = anchors.Select(a => (a.Message, Text: SituationModel.AnchorInputOf(a.Anchor), Good: !a.Bad, Fold: Folds.Stable(a.Message)))
            .Concat(clauses.Select(c => (c.Message, Text: SituationModel.AnchorInputOf(c.View), c.Good, Fold: anchorMessages.Contains(c.Message) ? Folds.Stable(c.Message) : -1)))
            .Select(x => new TrainingRow { Text = x.Text, Label = x.Good, MessageId = x.Message, Fold = x.Fold, MessageText = x.Message })
            .ToList();
        int bad = anchors.Count(a => a.Bad);
        log.WriteLine($"{anchors.Count} anchors from {panels.Count} panels, {bad} bad; {anchors.Sum(a => a.Ratings)} ratings, {anchors.Sum(a => a.OffPutting)} off-putting ({skipped} ratings of questions no pattern composes today left out); {clauses.Count} rated clauses");
        // The anchor as the questions put it, and the whole message, each read by the service's encoder.
        TrainingRowVectors.Read(embedder, rows, rows.Select(r => r.MessageText).ToList());

        var panelRows = rows.Take(anchors.Count).ToList();
        var pipelines = new Pipelines(ml);
        var results = Trials.SelectMany(settings => WithAndWithoutClauses.Select(withClauses =>
        {
            var training = withClauses ? rows : panelRows;
            var scores = CrossValidation.Probabilities(ml, training, Folds.Count, pipelines.Blame(settings))[..anchors.Count];
            var best = Best(panelRows, anchors, scores);
            var (threshold, counts) = best ?? (0.99f, BinaryCounts.From(panelRows.Select((r, i) => (!r.Label, scores[i] < 0.99f))));
            log.WriteLine($"{settings}{(withClauses ? " + rated clauses" : "")}: {(best is null ? "never reaches the goal" : $"dropped {(counts.TruePositives + counts.FalsePositives) / (double)anchors.Count:P1}, F1 {counts.F1:F3} at {threshold:F2}")}");
            return (Settings: settings, WithClauses: withClauses, ReachesGoal: best is not null, Threshold: threshold, Counts: counts, Scores: scores);
        })).ToList();
        if (!results.Any(r => r.ReachesGoal))
        {
            throw new InvalidOperationException($"No trial brings cross-validated off-putting to {OffPuttingGoal:P0}; nothing was written.");
        }

        var kept = results.Where(r => r.ReachesGoal).MinBy(r => r.Counts.TruePositives + r.Counts.FalsePositives);

        var model = pipelines.Blame(kept.Settings).Fit(ml.Data.LoadFromEnumerable(kept.WithClauses ? rows : panelRows));
        ml.Model.Save(model, ml.Data.LoadFromEnumerable(Array.Empty<SentenceRow>()).Schema, Path.Combine(modelsDirectory, SituationModel.AnchorModelFileName));
        string dataHash = Hash(repo, sources);
        new SituationModelInfo(kept.Threshold, kept.Settings.FeatureSet, dataHash).Save(Path.Combine(modelsDirectory, SituationModel.AnchorFileName));

        static string F(double v) => v.ToString("0.000", CultureInfo.InvariantCulture);
        static string P(double v) => v.ToString("0.0 %", CultureInfo.InvariantCulture);
        int allRatings = anchors.Sum(a => a.Ratings);
        string Kept(double[] scores, float threshold, Func<RatedAnchor, int> count)
        {
            var left = anchors.Where((a, i) => scores[i] >= threshold).ToList();
            return P(left.Sum(count) / (double)left.Sum(a => a.Ratings));
        }

        var s = new StringBuilder();
        s.AppendLine("# Model card: the question anchor check");
        s.AppendLine();
        s.AppendLine("Written by `dotnet run -c Release --project src/CoachService.Training -- anchor`; do not edit by hand.");
        s.AppendLine();
        s.AppendLine("- **What it does.** The embedded question engine hangs all three questions on one clause of the sender's own (\"When they left the gate open, what feeling sits underneath it for you?\"). A garbled or beside-the-point clause spoils all three at once. This model reads the clause as the questions put it (\"When {clause},\") and gives the probability that questions on it do not put the sender off. Below the threshold no question is composed: the sender gets the note that none fits and how to name the moment themselves.");
        s.AppendLine($"- **Data.** The composed questions of the blind question panels {string.Join(", ", panels.Select(Path.GetFileName))} (each folder and its `baseline/`), all read or measured before this training, and of `models/data/anchors` (question sets on the training split's blaming messages, rated for this check; its `BRIEF.txt` says how): {anchors.Count} distinct (message, clause) pairs with {allRatings} question ratings ({skipped} more were of questions no pattern of today's articles composes, and are left out). Each question was rated 0/1 on off-putting by one rater who saw only the message and its questions; a clause is bad when at least half of its questions' ratings found them off-putting: {bad} ({F(bad / (double)anchors.Count)}). Rows marked \"+ rated clauses\" also learn from the {clauses.Count} rewrite clauses rated fluent, faithful and blame-free (`models/data/situation`, turned to the sender's side as the questions put them), which are never held out: the figures are the panels' and the rated sets' alone.");
        s.AppendLine($"- **Kept:** ML.NET L-BFGS logistic regression on {kept.Settings}{(kept.WithClauses ? ", with the rated clauses" : "")}; no question is composed on a clause with probability below **{F(kept.Threshold)}**. Each row of the table has the lowest threshold at which, out of fold, the questions on the clauses kept are off-putting in at most {P(OffPuttingGoal)} of their ratings (the issue's goal); the kept row drops the fewest clauses to get there (a row that never gets there shows the highest threshold tried, {F(0.99)}, and cannot be kept).");
        s.AppendLine($"- Data hash `{dataHash}`.");
        s.AppendLine();
        s.AppendLine("| Features | Threshold | F1 (bad clauses) | Precision | Recall | Clauses dropped | Off-putting among kept ratings | Relevant among kept ratings |");
        s.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var r in results)
        {
            string mark = ReferenceEquals(r.Settings, kept.Settings) && r.WithClauses == kept.WithClauses ? " **(kept)**" : r.ReachesGoal ? "" : " (never reaches the goal)";
            s.AppendLine($"| {r.Settings}{(r.WithClauses ? " + rated clauses" : "")}{mark} | {F(r.Threshold)} | {F(r.Counts.F1)} | {F(r.Counts.Precision)} | {F(r.Counts.Recall)} | {P((r.Counts.TruePositives + r.Counts.FalsePositives) / (double)anchors.Count)} | {Kept(r.Scores, r.Threshold, a => a.OffPutting)} | {Kept(r.Scores, r.Threshold, a => a.Relevant)} |");
        }

        s.AppendLine();
        s.AppendLine($"Without the check: off-putting {P(anchors.Sum(a => a.OffPutting) / (double)allRatings)} and relevant {P(anchors.Sum(a => a.Relevant) / (double)allRatings)} of the ratings. Cross-validated, {Folds.Count} folds by message. These figures are optimistic (the features and the threshold were chosen on the same out-of-fold scores) and come from panels that were read; the questions themselves are measured on a panel written and rated blind after the model (`models/eval/panel-*/QUESTION_PANEL.md`, README).");
        return s.ToString();
    }

    /// <summary>
    /// The lowest threshold (the fewest clauses dropped) at which the questions on the clauses kept are off-putting in
    /// at most <see cref="OffPuttingGoal"/> of their ratings, out of fold; null if none tried reaches it.
    /// </summary>
    private static (float Threshold, BinaryCounts Counts)? Best(List<TrainingRow> rows, List<RatedAnchor> anchors, double[] scores)
    {
        BinaryCounts Counts(float t) => BinaryCounts.From(rows.Select((r, i) => (!r.Label, scores[i] < t)));
        double OffPutting(float t)
        {
            var kept = anchors.Where((a, i) => scores[i] >= t).ToList();
            return kept.Sum(a => a.OffPutting) / (double)Math.Max(1, kept.Sum(a => a.Ratings));
        }

        foreach (float t in Thresholds.Sweep(0.5f, 0.99f, 0.01f))
        {
            if (OffPutting(t) <= OffPuttingGoal)
            {
                return (t, Counts(t));
            }
        }

        return null;
    }

    /// <summary>A hash of the rated question sets (<see cref="Sources"/>), then the rated clauses, that the trials learned from.</summary>
    private static string Hash(string repo, IEnumerable<string> sources)
    {
        using var sha = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (string file in sources.Where(Directory.Exists).SelectMany(folder => Directory.GetFiles(folder, "question*.jsonl").Order(StringComparer.Ordinal))
            .Concat(Directory.GetFiles(Path.Combine(repo, "models", "data", "situation"), "*.jsonl").Order(StringComparer.Ordinal)))
        {
            sha.AppendData(File.ReadAllBytes(file));
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset())[..16];
    }
}
