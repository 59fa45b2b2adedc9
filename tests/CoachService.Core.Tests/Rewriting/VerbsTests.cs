using CoachService.Core.Rewriting;

namespace CoachService.Core.Tests.Rewriting;

public class VerbsTests
{
    /// <summary>The plain form of a third-person verb, guessed from its spelling, for "… and never says hi" → "… and doesn't say hi".</summary>
    [Theory]
    [InlineData("says", "say")]
    [InlineData("goes", "go")]
    [InlineData("tries", "try")]
    [InlineData("misses", "miss")]
    [InlineData("guesses", "guess")]
    [InlineData("focuses", "focus")]
    [InlineData("watches", "watch")]
    [InlineData("washes", "wash")]
    [InlineData("fixes", "fix")]
    [InlineData("apologizes", "apologize")]
    [InlineData("freezes", "freeze")]
    [InlineData("aches", "ache")]
    [InlineData("has", "have")]
    [InlineData("does", "do")]
    [InlineData("calls", "call")]
    public void BaseOfThirdPerson_Verb_IsItsPlainForm(string verb, string expected) =>
        Assert.Equal(expected, Verbs.BaseOfThirdPerson(verb));

    [Theory]
    [InlineData("this")]
    [InlineData("news")]
    [InlineData("weekends")]
    [InlineData("boss")]
    [InlineData("call")]
    public void BaseOfThirdPerson_NotAThirdPersonVerb_IsNull(string word) =>
        Assert.Null(Verbs.BaseOfThirdPerson(word));
}
