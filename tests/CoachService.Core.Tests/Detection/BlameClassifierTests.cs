using CoachService.Core.Detection;

namespace CoachService.Core.Tests.Detection;

[Collection(DetectionModelsGroup.Name)]
public class BlameClassifierTests(DetectionFixture models)
{
    [Fact]
    public void Classify_ManyThreadsAtOnce_GivesTheSameAnswersAsOneThread()
    {
        string[] sentences =
        [
            "You never help with the dishes.", "Thanks for the flowers!", "Wow. Shocker.", "Can you call the plumber?",
            "you're such a slob", "I feel lonely at night.", "How hard is it to text?", "Love you, see you at six.",
        ];
        var expected = sentences.Select(s => models.Classifier.Classify(s)).ToArray();

        var results = new SentenceVerdict[64];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            results[i] = models.Classifier.Classify(sentences[i % sentences.Length]));

        for (int i = 0; i < results.Length; i++)
        {
            Assert.Equal(expected[i % sentences.Length], results[i]);
        }
    }

    [Fact]
    public void Load_MissingModelsDirectory_FailsNamingTheFile()
    {
        string missing = Path.Combine(Path.GetTempPath(), "coach-no-models-" + Guid.NewGuid().ToString("N"));

        var ex = Assert.Throws<FileNotFoundException>(() => BlameClassifier.Load(missing, models.Embedder));

        Assert.Contains(missing, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_CorruptModelFile_FailsNamingTheFile()
    {
        string dir = Directory.CreateTempSubdirectory("coach-corrupt-").FullName;
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "models")))
        {
            File.Copy(file, Path.Combine(dir, Path.GetFileName(file)));
        }

        string corrupt = Path.Combine(dir, Core.Models.BlameModelInfo.ClassifierFileName);
        File.WriteAllText(corrupt, "not a zip");

        var ex = Assert.Throws<InvalidDataException>(() => BlameClassifier.Load(dir, models.Embedder));

        Assert.Contains(corrupt, ex.Message, StringComparison.Ordinal);
    }
}
