using CoachService.Core.Detection;
using CoachService.Core.Rewriting;

namespace CoachService.Core.Tests.Rewriting;

public class RewriteChecksTests
{
    private readonly RewriteChecks _checks = new(RewriteCatalog.LoadEmbedded(), BlameRule.LoadEmbedded());

    [Fact]
    public void Problems_GoodRewrite_IsEmpty()
    {
        Assert.Empty(_checks.Problems("I feel overwhelmed when the dishes pile up. I need partnership. Could we share the dishes?"));
    }

    [Theory]
    [InlineData("I feel ignored when you play games. Could we talk?", "feeling_not_in_catalog")]
    [InlineData("I feel lonely when you always work late. Could we talk?", "absolute")]
    [InlineData("I feel lonely when you nevr call. Could we talk?", "absolute")]
    [InlineData("I feel sad when you're so lazy. Could we talk?", "character_label")]
    [InlineData("I feel like you don't care. Could we talk?", "i_feel_like_you")]
    [InlineData("I feel sad when {situation}. Could we talk?", "placeholder")]
    [InlineData("I feel sad when the the bins overflow. Could we talk?", "doubled_word")]
    [InlineData("I feel sad when the bins overflow. could we talk?", "lowercase_start")]
    [InlineData("I feel sad when the bins overflow. Could we talk", "no_final_punctuation")]
    public void Problems_BrokenRewrite_NamesTheProblem(string text, string problem)
    {
        Assert.Contains(problem, _checks.Problems(text));
    }

    [Theory]
    [InlineData("We never said anything about a dog.", true)]
    [InlineData("You're so selfish about the car.", true)]
    [InlineData("I feel like you don't care.", true)]
    [InlineData("The neighbours found him on the main road.", false)]
    public void Judges_SentenceWithAnAbsoluteLabelOrPseudoFeeling_IsRead(string sentence, bool judges) =>
        Assert.Equal(judges, _checks.Judges(sentence));
}
