using CoachService.Core.Models;
using CoachService.Core.Reading;
using CoachService.Core.Rewriting;
using CoachService.Core.Text;
using Microsoft.ML;

namespace CoachService.Core.Detection;

/// <summary>A sentence's blame probability, whether it passes the threshold, its most likely category and concern.</summary>
public readonly record struct SentenceVerdict(float Score, bool IsBlame, string Category, string Concern);

/// <summary>
/// The ML.NET deciders over the message's contextual reading: a binary model that scores how much each sentence
/// blames the reader (read with its neighbours), a multi-class model that names the kind of blame, one that
/// names the concern behind it, and the fine-tuned token tagger that finds the words carrying it. Loaded once
/// per process; predictions use pooled engines.
/// </summary>
public sealed class BlameClassifier
{
    private readonly PredictionEnginePool<SentenceRow, BlameProbability> _blame;
    private readonly PredictionEnginePool<SentenceRow, ClassPrediction> _category;
    private readonly PredictionEnginePool<SentenceRow, ClassPrediction> _concern;

    private BlameClassifier(BlameModelInfo info, string version, MLContext ml, ITransformer blame, ITransformer category, ITransformer concern, MessageReader reader)
    {
        Info = info;
        Version = version;
        Reader = reader;
        _blame = new PredictionEnginePool<SentenceRow, BlameProbability>(ml, blame);
        _category = new PredictionEnginePool<SentenceRow, ClassPrediction>(ml, category);
        _concern = new PredictionEnginePool<SentenceRow, ClassPrediction>(ml, concern);
    }

    public BlameModelInfo Info { get; }

    /// <summary>
    /// The model version every analysis reports: the encoder's version and a hash of the deciders' files
    /// (<see cref="ModelFile.ShortHash"/>), so any retraining gives a new one.
    /// </summary>
    public string Version { get; }

    /// <summary>The reader whose reading the deciders were trained on.</summary>
    public MessageReader Reader { get; }

    public float Threshold => Info.Threshold;

    /// <summary>Below <see cref="Threshold"/> but at or above this, a sentence is not blame, yet not clearly kind either.</summary>
    public float UnsureThreshold => Info.UnsureThreshold;

    /// <summary>Loads the deciders from <paramref name="modelsDirectory"/>, failing with the path of anything missing, corrupt or trained on another encoder.</summary>
    public static BlameClassifier Load(string modelsDirectory, MessageReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        string infoPath = Path.Combine(modelsDirectory, BlameModelInfo.FileName);
        var info = BlameModelInfo.Load(infoPath);
        if (info.EncoderVersion != reader.EncoderVersion)
        {
            throw new InvalidDataException(
                $"{infoPath}: the models were trained on encoder {info.EncoderVersion}, but {FineTunedWeights.FileName} is {reader.EncoderVersion}; retrain (see README).");
        }

        var ml = new MLContext(seed: 1);
        string[] files = [infoPath, .. new[] { BlameModelInfo.ClassifierFileName, BlameModelInfo.CategoryFileName, BlameModelInfo.ConcernFileName }.Select(f => Path.Combine(modelsDirectory, f))];
        var classifier = new BlameClassifier(
            info,
            $"{info.EncoderVersion}.{ModelFile.ShortHash([.. files.Where(File.Exists)])}",
            ml,
            ModelFile.Load(ml, Path.Combine(modelsDirectory, BlameModelInfo.ClassifierFileName)),
            ModelFile.Load(ml, Path.Combine(modelsDirectory, BlameModelInfo.CategoryFileName)),
            ModelFile.Load(ml, Path.Combine(modelsDirectory, BlameModelInfo.ConcernFileName)),
            reader);

        // Predict once so a model that loads but cannot run fails now, at start-up, not on a user's request.
        classifier.Classify(reader.Read("You never call me back."));
        return classifier;
    }

    /// <summary>One verdict per sentence of the reading.</summary>
    /// <param name="reading">The message's reading.</param>
    /// <param name="threshold">The caller's blame threshold instead of the model's (<see cref="AnalysisOptions.Threshold"/>).</param>
    public IReadOnlyList<SentenceVerdict> Classify(MessageReading reading, float? threshold = null)
    {
        ArgumentNullException.ThrowIfNull(reading);
        var verdicts = new SentenceVerdict[reading.Sentences.Count];
        for (int i = 0; i < verdicts.Length; i++)
        {
            var row = RowOf(reading, i);
            float score = _blame.Predict(row).Probability;
            bool isBlame = score >= (threshold ?? Threshold);
            verdicts[i] = isBlame
                ? new SentenceVerdict(score, true, _category.Predict(row).Label, ConcernOf(row))
                : new SentenceVerdict(score, false, BlameCategory.None, Concern.General);
        }

        return verdicts;
    }

    /// <summary>The highest sentence blame probability of a text, for re-checking a rewrite (the text is read once).</summary>
    public float Score(string text, CancellationToken cancellationToken = default) => Score(Reader.Read(text, cancellationToken));

    /// <summary>The highest sentence blame probability of a reading.</summary>
    public float Score(MessageReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        float best = 0;
        for (int i = 0; i < reading.Sentences.Count; i++)
        {
            best = Math.Max(best, _blame.Predict(RowOf(reading, i)).Probability);
        }

        return best;
    }

    /// <summary>
    /// The words the tagger marks in one sentence: runs of tokens whose cue logit reaches the threshold, as
    /// spans of the message. When no token reaches it in a blaming sentence, the single likeliest token's run.
    /// </summary>
    public IReadOnlyList<TextSpan> Cues(MessageReading reading, int sentence)
    {
        ArgumentNullException.ThrowIfNull(reading);
        var s = reading.Sentences[sentence];
        var spans = new List<TextSpan>();
        int runStart = -1;
        int best = -1;
        for (int t = s.FirstToken; t < s.FirstToken + s.TokenCount; t++)
        {
            if (best < 0 || reading.CueLogits[t] > reading.CueLogits[best])
            {
                best = t;
            }

            bool marked = reading.CueLogits[t] >= Info.CueThreshold;
            if (marked && runStart < 0)
            {
                runStart = t;
            }
            else if (!marked && runStart >= 0)
            {
                spans.Add(Span(reading, runStart, t - 1));
                runStart = -1;
            }
        }

        if (runStart >= 0)
        {
            spans.Add(Span(reading, runStart, s.FirstToken + s.TokenCount - 1));
        }

        if (spans.Count == 0 && best >= 0)
        {
            spans.Add(Span(reading, best, best));
        }

        return spans;
    }

    /// <summary>A run of tokens as a span of the message, widened to whole words (a word's pieces belong together).</summary>
    private static TextSpan Span(MessageReading reading, int first, int last)
    {
        string text = reading.Text;
        int start = reading.Tokens[first].Offset;
        int end = reading.Tokens[last].Offset + reading.Tokens[last].Length;
        while (start > 0 && IsWordChar(text[start - 1]))
        {
            start--;
        }

        while (end < text.Length && IsWordChar(text[end]))
        {
            end++;
        }

        return new TextSpan(start, end - start);
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c is '\'' or '’';

    private string ConcernOf(SentenceRow row)
    {
        var prediction = _concern.Predict(row);
        return prediction.Scores.Max() >= Info.ConcernMinConfidence ? prediction.Label : Concern.General;
    }

    /// <summary>The deciders' input for one sentence of a reading.</summary>
    public static SentenceRow RowOf(MessageReading reading, int sentence)
    {
        ArgumentNullException.ThrowIfNull(reading);
        var s = reading.Sentences[sentence];
        return new SentenceRow
        {
            Text = s.Span.Slice(reading.Text),
            Embedding = s.Vector,
            Context = reading.Vector,
            Heads = reading.DeciderFeatures(sentence),
        };
    }
}
