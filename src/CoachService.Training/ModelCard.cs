using System.Globalization;
using System.Text;

namespace CoachService.Training;

/// <summary>Writes <c>models/MODEL_CARD.md</c> from what the trainer measured; nothing in it is typed by hand.</summary>
internal static class ModelCard
{
    public const string DataHashPrefix = "Data hash (SHA-256 of models/data/train and models/data/test): ";

    public static string Render(BlameReport r)
    {
        var s = new StringBuilder();
        s.AppendLine("# Model card: blame detection");
        s.AppendLine();
        s.AppendLine("Written by `dotnet run --project src/CoachService.Training`; do not edit by hand. Retrain after changing `models/data/`.");
        s.AppendLine();
        s.AppendLine($"{DataHashPrefix}`{r.DataHash}`");
        s.AppendLine();
        s.AppendLine("## What the models are");
        s.AppendLine();
        s.AppendLine("- `blame-classifier.zip`: ML.NET L-BFGS logistic regression, one sentence in, the probability that it blames the reader out.");
        if (r.Cascade is { } screen)
        {
            s.AppendLine($"- `blame-screen.zip`: the cascade's cheap first stage, the same trainer on n-grams alone (**{screen.Screen}**). It scores every sentence; only sentences it scores in [{F(screen.Band.Below)}, {F(screen.Band.Above)}) are embedded and scored by `blame-classifier.zip` (see Cascade below).");
        }

        s.AppendLine($"- `blame-category.zip`: ML.NET L-BFGS maximum entropy over the seven blame categories, run on sentences above the threshold{(r.Cascade is null ? "" : ", on the screen's n-grams (a sentence the screen is sure of has no embedding)")}.");
        s.AppendLine("- `concern.zip`: the concern behind a complaint (see below).");
        s.AppendLine($"- Settings kept: **{r.Chosen.Settings}**; blame threshold **{F(r.Chosen.Threshold)}** (best message-level F1 in 5-fold cross-validation on the training split).");
        s.AppendLine("- Intended use: flag blaming sentences in English messages between partners. Not for judging people, and not a safety tool (see the safety check).");
        s.AppendLine();
        s.AppendLine("## Data");
        s.AppendLine();
        s.AppendLine($"- Training split: {r.TrainMessages} messages, {r.TrainSentences} sentences (`models/data/train/`).");
        s.AppendLine($"- Test split: {r.TestMessages} messages, {r.TestSentences} sentences (`models/data/test/`), written as whole conversations before training; never used to choose anything.");
        s.AppendLine();
        s.AppendLine("## Feature sets tried");
        s.AppendLine();
        s.AppendLine("Word 1-2-grams and character n-grams from ML.NET `FeaturizeText`, alone or concatenated with the 384-dimensional MiniLM sentence embedding, under L-BFGS logistic regression. Each row's threshold and F1 are message-level (a message blames when its highest sentence passes) from 5-fold cross-validation on the training split, folds by message; the kept row is the best there (n-grams alone win unless the embedding adds more than 0.005). Test figures are shown for information only and chose nothing.");
        s.AppendLine();
        s.AppendLine("| Settings | Threshold | CV precision | CV recall | CV F1 | Test message F1 |");
        s.AppendLine("| --- | --- | --- | --- | --- | --- |");
        foreach (var t in r.Trials)
        {
            s.AppendLine($"| {t.Settings} | {F(t.Threshold)} | {F(t.CrossValidated.Precision)} | {F(t.CrossValidated.Recall)} | {F(t.CrossValidated.F1)} | {F(t.Test.F1)} |");
        }

        s.AppendLine();
        if (r.Cascade is { } cascade)
        {
            s.AppendLine("## Cascade");
            s.AppendLine();
            s.AppendLine($"Embedding a sentence with MiniLM costs milliseconds; the n-gram screen costs microseconds. The band is the one that leaves the fewest sentences to the full model while losing at most 0.003 of the full model's cross-validated message F1 ({F(r.Chosen.CrossValidated.F1)}) and changing its verdict on at most 1% of the held-out sentences, searched in steps of 0.01 on the training split's held-out folds.");
            s.AppendLine();
            s.AppendLine("| Measured on | Message F1 | Sentences embedded |");
            s.AppendLine("| --- | --- | --- |");
            s.AppendLine($"| Training split, 5-fold CV, full model alone | {F(r.Chosen.CrossValidated.F1)} | 1.000 |");
            s.AppendLine($"| Training split, 5-fold CV, cascade | {F(cascade.CrossValidated.F1)} | {F(cascade.CrossValidatedUnsure)} |");
            s.AppendLine($"| Test split, full model alone | {F(r.Chosen.Test.F1)} | 1.000 |");
            s.AppendLine($"| **Test split, cascade (as shipped)** | **{F(r.TestMessagesCounts.F1)}** | **{F(cascade.TestUnsure)}** |");
            s.AppendLine();
            s.AppendLine($"The cascade changes the verdict of {F(cascade.TestSentencesChanged)} of the test sentences against the full model alone. The message-level rows differ slightly in kind: the CV and full-model rows score each sentence as the trainer does, the shipped row runs the service's analyzer end to end.");
            s.AppendLine();
        }

        s.AppendLine("## Results on the test split");
        s.AppendLine();
        s.AppendLine("| Level | Precision | Recall | F1 | Accuracy | Count |");
        s.AppendLine("| --- | --- | --- | --- | --- | --- |");
        s.AppendLine(Row("Message (end to end: splitter, classifier, `isBlame`)", r.TestMessagesCounts));
        s.AppendLine(Row("Sentence (labelled sentences)", r.TestSentenceCounts));
        s.AppendLine();
        s.AppendLine("### Per category");
        s.AppendLine();
        s.AppendLine("Detection recall: the share of the category's test sentences flagged as blame. Precision, recall and F1 treat the output as one label per sentence (`none` or a category).");
        s.AppendLine();
        s.AppendLine("| Category | Test sentences | Detection recall | Precision | Recall | F1 |");
        s.AppendLine("| --- | --- | --- | --- | --- | --- |");
        foreach (var c in r.TestClasses)
        {
            var recall = r.CategoryRecall.FirstOrDefault(x => x.Category == c.Label);
            string detection = recall.Category is null ? "—" : F(recall.DetectionRecall);
            s.AppendLine($"| {c.Label} | {c.Support} | {detection} | {F(c.Precision)} | {F(c.Recall)} | {F(c.F1)} |");
        }

        s.AppendLine();
        s.AppendLine($"Category accuracy on correctly flagged blame sentences: {F(r.CategoryAccuracy)}.");
        s.AppendLine();
        s.AppendLine("### Span finder");
        s.AppendLine();
        s.AppendLine($"- Flagged blame sentences where a returned span overlaps a labelled cue: {F(r.SpanHitRate)}.");
        s.AppendLine($"- Share of returned span characters inside labelled cues: {F(r.SpanPrecision)} (cues are often whole phrases, spans are the key words).");
        s.AppendLine();
        s.AppendLine("## Concern model");
        s.AppendLine();
        s.AppendLine("`concern.zip`: ML.NET L-BFGS maximum entropy over the 15 concerns, same features, trained on the labelled blame sentences; the rewriter uses it to pick a feeling, need and request.");
        s.AppendLine();
        s.AppendLine($"When the model's top probability is below **{F(r.ConcernConfidence.MinConfidence)}** the concern is `general`: a general feeling and request read better than a specific wrong one. The floor is the one where, on the training split's held-out folds (5, by message, each sentence scored with its own embedding as its context, as the service scores it), the blame sentences given a specific concern rightly most outnumber those given one wrongly:");
        s.AppendLine();
        s.AppendLine("| Floor | Specific and right | Specific and wrong | General | Right minus wrong |");
        s.AppendLine("| --- | --- | --- | --- | --- |");
        foreach (var t in r.ConcernConfidence.Trials.Where((t, i) => i % 2 == 0 || t.MinConfidence == r.ConcernConfidence.MinConfidence))
        {
            string mark = t.MinConfidence == r.ConcernConfidence.MinConfidence ? "**" : "";
            s.AppendLine($"| {mark}{F(t.MinConfidence)}{mark} | {t.Right} | {t.Wrong} | {t.General} | {t.Net} |");
        }

        s.AppendLine();
        s.AppendLine($"On the test split's blame sentences: accuracy {F(r.ConcernAccuracy)}; {F(r.TestConcernCommitment.GeneralShare)} are given `general`, and a specific concern, when given, is right {F(r.TestConcernCommitment.SpecificPrecision)} of the time.");
        s.AppendLine();
        s.AppendLine("| Concern | Test sentences | Precision | Recall | F1 |");
        s.AppendLine("| --- | --- | --- | --- | --- |");
        foreach (var c in r.TestConcerns)
        {
            s.AppendLine($"| {c.Label} | {c.Support} | {F(c.Precision)} | {F(c.Recall)} | {F(c.F1)} |");
        }

        s.AppendLine();
        s.AppendLine($"## Test messages answered wrongly ({r.MessageErrors.Count})");
        s.AppendLine();
        s.AppendLine("| Expected | Message |");
        s.AppendLine("| --- | --- |");
        foreach (var (text, expected, _) in r.MessageErrors)
        {
            s.AppendLine($"| {(expected ? "blame" : "no blame")} | {text.Replace("|", "\\|", StringComparison.Ordinal)} |");
        }

        return s.ToString();
    }

    private static string Row(string name, BinaryCounts c) =>
        $"| {name} | {F(c.Precision)} | {F(c.Recall)} | {F(c.F1)} | {F(c.Accuracy)} | {c.Total} |";

    private static string F(double value) => value.ToString("F3", CultureInfo.InvariantCulture);
}
