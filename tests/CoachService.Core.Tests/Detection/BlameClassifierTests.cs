using CoachService.Core.Detection;
using CoachService.Core.Models;

namespace CoachService.Core.Tests.Detection;

[Collection(DetectionModelsGroup.Name)]
public class BlameClassifierTests(DetectionFixture models)
{
    [Fact]
    public void Classify_ManyThreadsAtOnce_GivesTheSameAnswersAsOneThread()
    {
        string[] messages =
        [
            "You never help with the dishes.", "Thanks for the flowers!", "Wow. Shocker.", "Can you call the plumber?",
            "you're such a slob", "I feel lonely at night.", "How hard is it to text?", "Love you, see you at six.",
        ];
        var expected = messages.Select(m => models.Classifier.Classify(models.Reader.Read(m))).ToArray();

        var results = new IReadOnlyList<SentenceVerdict>[64];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            results[i] = models.Classifier.Classify(models.Reader.Read(messages[i % messages.Length])));

        for (int i = 0; i < results.Length; i++)
        {
            Assert.Equal(expected[i % messages.Length], results[i]);
        }
    }

    [Fact]
    public void Score_Rewrite_IsTheHighestSentenceScoreOfItsReading()
    {
        const string text = "Thanks for cooking tonight. You never help with the dishes though.";

        float score = models.Classifier.Score(text);

        Assert.Equal(models.Classifier.Classify(models.Reader.Read(text)).Max(v => v.Score), score);
    }

    [Fact]
    public void Cues_BlamingSentence_AreWholeWordsInsideTheSentence()
    {
        const string text = "Thanks for dinner. You never once asked how my interview went.";
        var reading = models.Reader.Read(text);

        var cues = models.Classifier.Cues(reading, 1);

        Assert.NotEmpty(cues);
        Assert.All(cues, c =>
        {
            Assert.True(c.Offset >= reading.Sentences[1].Span.Offset && c.End <= reading.Sentences[1].Span.End);
            Assert.False(char.IsLetter(text[c.Offset - 1]));
            Assert.True(c.End == text.Length || !char.IsLetter(text[c.End]));
        });
    }

    [Fact]
    public void Load_DescriptionWithoutTheEncoderVersion_FailsNamingTheFile()
    {
        var folder = Directory.CreateTempSubdirectory("coach-old-");
        try
        {
            string path = Path.Combine(folder.FullName, BlameModelInfo.FileName);
            File.WriteAllText(path, """{ "featureSet": "Heads", "threshold": 0.5, "dataHash": "x", "categoryFeatureSet": "Heads", "concernMinConfidence": 0.4, "cueThreshold": 0 }""");

            var ex = Assert.Throws<InvalidDataException>(() => BlameModelInfo.Load(path));

            Assert.Contains(path, ex.Message, StringComparison.Ordinal);
            Assert.Contains("encoderVersion", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Load_ModelsTrainedOnAnotherEncoder_FailsNamingTheFile()
    {
        using var copy = new ModelsCopy();
        string path = copy.File(BlameModelInfo.FileName);
        (models.Classifier.Info with { EncoderVersion = "0123456789ab" }).Save(path);

        var ex = Assert.Throws<InvalidDataException>(() => BlameClassifier.Load(copy.Path, models.Reader));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("retrain", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.42f, 0f)]
    [InlineData(0.1f, 0.15f)]
    [InlineData(0.99f, 0.15f)]
    public void Load_RewriterLinesOutOfOrder_FailsNamingTheFile(float keepAsWritten, float clearlyKind)
    {
        using var copy = new ModelsCopy();
        string path = copy.File(BlameModelInfo.FileName);
        (models.Classifier.Info with { KeepAsWrittenBelow = keepAsWritten, ClearlyKindBelow = clearlyKind }).Save(path);

        var ex = Assert.Throws<InvalidDataException>(() => BlameClassifier.Load(copy.Path, models.Reader));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("rewriter's lines", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingModelsDirectory_FailsNamingTheFile()
    {
        string missing = Path.Combine(Path.GetTempPath(), "coach-no-models-" + Guid.NewGuid().ToString("N"));

        var ex = Assert.Throws<FileNotFoundException>(() => BlameClassifier.Load(missing, models.Reader));

        Assert.Contains(missing, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_CorruptModelFile_FailsNamingTheFile()
    {
        using var copy = new ModelsCopy();
        string corrupt = copy.File(BlameModelInfo.ClassifierFileName);
        File.WriteAllText(corrupt, "not a zip");

        var ex = Assert.Throws<InvalidDataException>(() => BlameClassifier.Load(copy.Path, models.Reader));

        Assert.Contains(corrupt, ex.Message, StringComparison.Ordinal);
    }
}
