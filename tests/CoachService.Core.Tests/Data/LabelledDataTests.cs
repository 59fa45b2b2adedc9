using CoachService.Core.Data;

namespace CoachService.Core.Tests.Data;

public class LabelledDataTests
{
    private static readonly IReadOnlyList<LabelledMessage> Train = LabelledDataSet.LoadDirectory(Path.Combine(RepositoryPaths.Data, "train"));
    private static readonly IReadOnlyList<LabelledMessage> Test = LabelledDataSet.LoadDirectory(Path.Combine(RepositoryPaths.Data, "test"));
    /// <summary>The detection issue's blind test splits, oldest first (the second to the tenth split).</summary>
    public static readonly string[] BlindFolderNames = ["test-blind", "test-blind-2", "test-blind-3", "test-blind-4", "test-blind-5", "test-blind-6", "test-blind-7", "test-blind-8", "test-blind-9"];

    public static TheoryData<string> BlindFolders => new(BlindFolderNames);

    private static IReadOnlyList<LabelledMessage> Split(string folder) => LabelledDataSet.LoadDirectory(Path.Combine(RepositoryPaths.Data, folder));

    [Theory]
    [InlineData("MODEL_CARD.md", new[] { "train", "test", "test-blind", "test-blind-2", "test-blind-3" })]
    [InlineData("SAFETY_MODEL_CARD.md", new[] { "safety", "train" })]
    public void ModelCard_DataHash_MatchesTheCommittedData(string card, string[] folders)
    {
        string text = File.ReadAllText(Path.Combine(RepositoryPaths.Models, card));
        string hash = LabelledDataSet.ComputeHash(RepositoryPaths.Data, folders);

        Assert.True(
            text.Contains($"`{hash}`", StringComparison.Ordinal),
            $"models/data/{string.Join(", ", folders)} changed since {card} was written: run `dotnet run --project src/CoachService.Training` and commit the models and cards.");
    }

    /// <summary>The detection issue's blind splits: at least 600 messages, half kind, at least 30 of each hard kind.</summary>
    [Theory]
    [MemberData(nameof(BlindFolders))]
    public void BlindTest_HasTheAgreedSizeAndHardKinds(string folder)
    {
        var split = Split(folder);
        Assert.True(split.Count >= 600, $"blind split has {split.Count} messages");
        Assert.True(split.Count(m => !m.HasBlame) >= split.Count / 2, "half the blind split is kind");
        string[] hard = ["praise_absolute", "feel_like_self", "quoting", "venting", "caring", "i_statement", "apology", "curious_why", "consequence", "dry_sarcasm", "capitals"];
        Assert.All(hard, h => Assert.True(split.Count(m => m.Hard == h) >= 30, $"{h}: {split.Count(m => m.Hard == h)}"));
    }

    /// <summary>The detection issue: at least 10,000 new messages, 3,000 of them in minimal pairs that flip the label.</summary>
    [Fact]
    public void Train_RoundTwoHasTheAgreedMinimalPairs()
    {
        var pairs = Train.Where(m => m.Pair is not null).GroupBy(m => m.Pair!).ToList();

        Assert.True(pairs.Sum(p => p.Count()) >= 3000, $"{pairs.Sum(p => p.Count())} messages in pairs");
        Assert.All(pairs, p =>
        {
            Assert.Equal(2, p.Count());
            Assert.NotEqual(p.First().HasBlame, p.Last().HasBlame);
        });
    }

    [Fact]
    public void Splits_HaveTheAgreedSizeAndBalance()
    {
        Assert.True(Train.Count >= 14000, $"training split has {Train.Count} messages");
        Assert.True(Test.Count >= 500, $"test split has {Test.Count} messages");
        Assert.InRange(Train.Count(m => m.HasBlame) / (double)Train.Count, 0.4, 0.6);
    }

    [Fact]
    public void Splits_ShareNoMessage()
    {
        var trainTexts = Train.Select(m => Normalise(m.Text)).ToHashSet();

        var shared = Test.Concat(BlindFolderNames.SelectMany(Split))
            .Where(m => trainTexts.Contains(Normalise(m.Text))).Select(m => m.Id).ToList();

        Assert.Empty(shared);
    }

    [Fact]
    public void Train_MessagesAreDistinct()
    {
        var duplicates = Train.GroupBy(m => Normalise(m.Text)).Where(g => g.Count() > 1).Select(g => g.First().Id).ToList();

        Assert.Empty(duplicates);
    }

    [Fact]
    public void CueChars_CueInSecondSentence_PointsIntoTheJoinedText()
    {
        var message = new LabelledMessage("m", [
            new LabelledSentence("Hi.", false),
            new LabelledSentence("You never call, never.", true, "absolute", ["never"], "phone")]);

        var spans = message.SentenceSpans();
        var chars = message.CueChars();

        Assert.Equal([new Core.Text.TextSpan(0, 3), new Core.Text.TextSpan(4, 22)], spans);
        Assert.Equal("nevernever", string.Concat(chars.Order().Select(c => message.Text[c])));
    }

    [Fact]
    public void LoadFile_CueNotInSentence_FailsNamingFileAndLine()
    {
        string path = Path.Combine(Path.GetTempPath(), $"coach-bad-{Guid.NewGuid():N}.jsonl");
        File.WriteAllText(path, """
            {"id":"a","sentences":[{"text":"Fine.","blame":false}]}
            {"id":"b","sentences":[{"text":"You never call.","blame":true,"category":"absolute","cues":["always"],"concern":"phone"}]}
            """);

        try
        {
            var ex = Assert.Throws<InvalidDataException>(() => LabelledDataSet.LoadFile(path));

            Assert.StartsWith($"{path}:2:", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string Normalise(string text) => text.Trim().ToLowerInvariant();
}
