using System.Text.Json;
using CoachService.Core.Data;
using CoachService.Core.Safety;
using CoachService.Core.Text;

namespace CoachService.Core.Tests.Safety;

[Collection(DetectionModelsGroup.Name)]
public class SafetyCheckTests(DetectionFixture models)
{
    [Theory]
    [InlineData("if you leave I'll hurt myself", SafetyKind.SelfHarm)]
    [InlineData("you'll regret this, I know where you are", SafetyKind.Threat)]
    [InlineData("he grabbed me and I'm scared to go home", SafetyKind.Abuse)]
    [InlineData("she won't let me see my friends", SafetyKind.Abuse)]
    public void Check_DangerousMessage_IsFlaggedWithItsKindAndAPointerToHelp(string text, string kind)
    {
        var result = models.Safety.Check(models.Reader.Read(text));

        Assert.True(result.Flagged);
        Assert.Equal(kind, result.Kind);
        Assert.Contains("emergency", result.Message, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\d{3}", result.Message!);
    }

    [Theory]
    [InlineData("this traffic is killing me")]
    [InlineData("I could murder a pizza")]
    [InlineData("we watched a documentary about abuse")]
    [InlineData("I'm going to destroy you at Mario Kart tonight")]
    [InlineData("You never listen to me")]
    [InlineData("I'm so tired of this week")]
    public void Check_HyperboleMentionsAndOrdinaryBlame_AreNotFlagged(string text)
    {
        Assert.False(models.Safety.Check(models.Reader.Read(text)).Flagged);
    }

    /// <summary>
    /// The trust issue's goal on the held-out safety test file: recall at least 0.95 at a false-positive rate of
    /// at most 0.05 (measured 0.956 and 0.017 on 2026-11-28, see the safety model card).
    /// </summary>
    [Fact]
    public void Check_SafetyTestFile_ReachesTheRecallAndFalsePositiveRateGoal()
    {
        var rows = JsonLines.Read<JsonElement>(Path.Combine(RepositoryPaths.Data, "safety", "test.jsonl"))
            .Select(e => (Harmful: e.GetProperty("kind").GetString() != SafetyKind.None, Flagged: models.Safety.Check(models.Reader.Read(e.GetProperty("text").GetString()!)).Flagged))
            .ToList();

        double recall = rows.Count(r => r.Harmful && r.Flagged) / (double)rows.Count(r => r.Harmful);
        double falsePositiveRate = rows.Count(r => !r.Harmful && r.Flagged) / (double)rows.Count(r => !r.Harmful);

        Assert.True(recall >= 0.95, $"recall {recall:F3}");
        Assert.True(falsePositiveRate <= 0.05, $"false-positive rate {falsePositiveRate:F3}");
    }

    [Theory]
    [InlineData("Got the shopping. The car needs petrol. Tell your sister I said hi. If you go tonight you won't have a wife to come back to, I'll make sure of it. Dinner is at six.")]
    [InlineData("Thanks for the flowers. I'll be late on Friday.")]
    public void Classify_WithSentencesScored_CountsTheLeastSafeOfTheMessageAndItsSentences(string text)
    {
        using var copy = new ModelsCopy();
        var shipped = SafetyModelInfo.Load(copy.File(SafetyModelInfo.FileName));
        (shipped with { ScoreSentences = false }).Save(copy.File(SafetyModelInfo.FileName));
        var wholeMessage = SafetyClassifier.Load(copy.Path);
        (shipped with { ScoreSentences = true }).Save(copy.File(SafetyModelInfo.FileName));
        var bySentence = SafetyClassifier.Load(copy.Path);
        var reading = models.Reader.Read(text);

        var withSentences = bySentence.Classify(reading).NoneProbability;

        Assert.True(withSentences <= wholeMessage.Classify(reading).NoneProbability);
        Assert.Equal(SentenceSplitter.Split(text).Count, reading.Sentences.Count);
    }
}
