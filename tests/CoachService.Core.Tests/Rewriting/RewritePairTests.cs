using CoachService.Core.Rewriting;

namespace CoachService.Core.Tests.Rewriting;

/// <summary>The measures the rewrite check reads in an (original, rewrite) pair.</summary>
public class RewritePairTests
{
    [Theory]
    [InlineData("", "")]
    [InlineData("🙄🙄", "")]
    [InlineData("?!?!", "...")]
    [InlineData("ok", "I feel upset when you forgot. Could we talk about it?")]
    public void Features_AnyText_GivesEveryFeatureAsAFiniteNumber(string original, string rewrite)
    {
        var features = RewritePair.Features(original, rewrite);

        Assert.Equal(RewritePair.FeatureCount, features.Length);
        Assert.All(features, f => Assert.True(float.IsFinite(f), $"{f}"));
    }

    [Fact]
    public void Features_RewriteThatDropsTheFacts_KeepsLessOfTheMessage()
    {
        const string original = "You said you'd ring the garage on Monday. The MOT ran out yesterday. It's £85 to rebook, Dan.";
        var kept = RewritePair.Features(original, "I felt upset because I was counting on you to ring the garage on Monday. The MOT ran out yesterday. It's £85 to rebook, Dan. Could we talk about it?");
        var dropped = RewritePair.Features(original, "I felt upset because I was counting on you to ring the garage. Could we talk about it?");

        // 0: share of the sender's content words kept; 4: share of their sentences kept whole; 15: share of their numbers dropped; 19: share of their names dropped.
        Assert.True(kept[0] > dropped[0]);
        Assert.True(kept[4] > dropped[4]);
        Assert.Equal(0f, kept[15]);
        Assert.Equal(1f, dropped[15]);
        Assert.True(kept[19] < dropped[19]);
    }

    [Theory]
    [InlineData("You never listen to me", false)]
    [InlineData("You forgot. Again.", false)]
    [InlineData("You forgot the bins. Again. The fox got in.", true)]
    public void Checked_OnlyMessagesOfThreeSentencesOrMore(string original, bool check) =>
        Assert.Equal(check, RewritePair.Checked(original));
}
