using CoachService.Core.Data;

namespace CoachService.Core.Tests.Data;

public class LabelledDataTests
{
    private static readonly IReadOnlyList<LabelledMessage> Train = LabelledDataSet.LoadDirectory(Path.Combine(RepositoryPaths.Data, "train"));
    private static readonly IReadOnlyList<LabelledMessage> Test = LabelledDataSet.LoadDirectory(Path.Combine(RepositoryPaths.Data, "test"));

    [Theory]
    [InlineData("MODEL_CARD.md", new[] { "train", "test" })]
    [InlineData("SAFETY_MODEL_CARD.md", new[] { "safety", "train" })]
    public void ModelCard_DataHash_MatchesTheCommittedData(string card, string[] folders)
    {
        string text = File.ReadAllText(Path.Combine(RepositoryPaths.Models, card));
        string hash = LabelledDataSet.ComputeHash(RepositoryPaths.Data, folders);

        Assert.True(
            text.Contains($"`{hash}`", StringComparison.Ordinal),
            $"models/data/{string.Join(", ", folders)} changed since {card} was written: run `dotnet run --project src/CoachService.Training` and commit the models and cards.");
    }

    [Fact]
    public void Splits_HaveTheAgreedSizeAndBalance()
    {
        Assert.True(Train.Count >= 2500, $"training split has {Train.Count} messages");
        Assert.True(Test.Count >= 500, $"test split has {Test.Count} messages");
        Assert.InRange(Train.Count(m => m.HasBlame) / (double)Train.Count, 0.4, 0.6);
    }

    [Fact]
    public void Splits_ShareNoMessage()
    {
        var trainTexts = Train.Select(m => Normalise(m.Text)).ToHashSet();

        var shared = Test.Where(m => trainTexts.Contains(Normalise(m.Text))).Select(m => m.Id).ToList();

        Assert.Empty(shared);
    }

    [Fact]
    public void Train_MessagesAreDistinct()
    {
        var duplicates = Train.GroupBy(m => Normalise(m.Text)).Where(g => g.Count() > 1).Select(g => g.First().Id).ToList();

        Assert.Empty(duplicates);
    }

    [Fact]
    public void LoadFile_CueNotInSentence_FailsNamingFileAndLine()
    {
        string path = Path.Combine(Path.GetTempPath(), $"coach-bad-{Guid.NewGuid():N}.jsonl");
        File.WriteAllText(path, """
            {"id":"a","sentences":[{"text":"Fine.","blame":false}]}
            {"id":"b","sentences":[{"text":"You never call.","blame":true,"category":"absolute","cues":["always"],"concern":"phone"}]}
            """);

        var ex = Assert.Throws<InvalidDataException>(() => LabelledDataSet.LoadFile(path));

        Assert.StartsWith($"{path}:2:", ex.Message, StringComparison.Ordinal);
    }

    private static string Normalise(string text) => text.Trim().ToLowerInvariant();
}
