using System.Text.Json;
using CoachService.Core.Safety;

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
        var result = models.Safety.Check(text);

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
        Assert.False(models.Safety.Check(text).Flagged);
    }

    /// <summary>
    /// A regression guard just under the level measured on the held-out safety test file (recall 0.85,
    /// false-positive rate 0.01 on 2026-11-28); the trust issue's goal of 0.95 recall is not reached yet (see the
    /// safety model card).
    /// </summary>
    [Fact]
    public void Check_SafetyTestFile_KeepsTheMeasuredRecallAndFalsePositiveRate()
    {
        var rows = File.ReadLines(Path.Combine(RepositoryPaths.Data, "safety", "test.jsonl"))
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Select(e => (Harmful: e.GetProperty("kind").GetString() != SafetyKind.None, Flagged: models.Safety.Check(e.GetProperty("text").GetString()!).Flagged))
            .ToList();

        double recall = rows.Count(r => r.Harmful && r.Flagged) / (double)rows.Count(r => r.Harmful);
        double falsePositiveRate = rows.Count(r => !r.Harmful && r.Flagged) / (double)rows.Count(r => !r.Harmful);

        Assert.True(recall >= 0.83, $"recall {recall:F3}");
        Assert.True(falsePositiveRate <= 0.05, $"false-positive rate {falsePositiveRate:F3}");
    }
}
