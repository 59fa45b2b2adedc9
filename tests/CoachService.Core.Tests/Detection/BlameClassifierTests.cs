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

    [Theory]
    [InlineData("Can you grab milk on the way home?")]
    [InlineData("Oh great, another weekend at your mum's.")]
    public void Score_SentenceTheScreenIsSureOf_IsTheScreensScore(string sentence)
    {
        var band = models.Classifier.Info.Screen;
        Assert.NotNull(band);
        float screened = models.Classifier.WordWeight(sentence);
        Assert.True(band.Decides(screened), $"screen score {screened} is inside the band; pick a clearer sentence");

        Assert.Equal(screened, models.Classifier.Score(sentence));
    }

    [Fact]
    public void Classify_SentencesInsideTheBand_AreScoredByTheFullModel()
    {
        var band = models.Classifier.Info.Screen!;
        string[] sentences =
        [
            "Wow. Shocker.", "Interesting choice.", "Sure, whatever you think is best.", "Fine.", "Nice of you to finally show up.",
            "Cool, so I'll just do it myself then.", "Oh great, another weekend at your mum's.", "You do you.",
        ];

        var unsure = sentences.Where(s => !band.Decides(models.Classifier.WordWeight(s))).ToList();

        Assert.NotEmpty(unsure);
        Assert.All(unsure, s => Assert.NotEqual(models.Classifier.WordWeight(s), models.Classifier.Score(s)));
    }

    [Theory]
    [InlineData(0.5f, 0.6f, 0.4f)]
    [InlineData(0.1f, 0.3f, 0.4f)]
    public void Load_ScreenBandThatDoesNotContainTheThreshold_FailsNamingTheFile(float below, float above, float threshold)
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory("coach-band-").FullName, Core.Models.BlameModelInfo.FileName);
        new Core.Models.BlameModelInfo(
            Core.Models.FeatureSet.NGramsAndEmbedding, threshold, "hash", Core.Models.FeatureSet.NGrams, new Core.Models.ScreenBand(below, above), 0.4f).Save(path);

        var ex = Assert.Throws<InvalidDataException>(() => Core.Models.BlameModelInfo.Load(path));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_DescriptionWithoutTheCategoryFeatures_FailsNamingTheFile()
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory("coach-old-").FullName, Core.Models.BlameModelInfo.FileName);
        File.WriteAllText(path, """{ "featureSet": "NGrams", "threshold": 0.5, "dataHash": "x" }""");

        var ex = Assert.Throws<InvalidDataException>(() => Core.Models.BlameModelInfo.Load(path));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("categoryFeatureSet", ex.Message, StringComparison.Ordinal);
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
        using var copy = new ModelsCopy();
        string corrupt = copy.File(Core.Models.BlameModelInfo.ClassifierFileName);
        File.WriteAllText(corrupt, "not a zip");

        var ex = Assert.Throws<InvalidDataException>(() => BlameClassifier.Load(copy.Path, models.Embedder));

        Assert.Contains(corrupt, ex.Message, StringComparison.Ordinal);
    }
}
