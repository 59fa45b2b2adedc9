using CoachService.Core.Rewriting;

namespace CoachService.Core.Tests.Rewriting;

public sealed class SituationRequestTests
{
    [Theory]
    [InlineData("you don't help with the dishes", "could you help with the dishes")]
    [InlineData("you haven't once asked how I'm coping", "could you ask how I'm coping")]
    [InlineData("you didn't close the cupboards", "could you close the cupboards")]
    [InlineData("you don't text back while you're at the pub", "could you text back")]
    [InlineData("you haven't kissed me goodbye or hugged me in weeks", "could you kiss me goodbye")]
    [InlineData("I've asked you to book your MOT more than once", "could you book your MOT")]
    [InlineData("I've asked you not to leave your boots on the floor more than once", "could you not leave your boots on the floor")]
    [InlineData("you're on your phone at dinner", "could you put your phone down")]
    [InlineData("you forget the bins", "could you remember the bins")]
    public void From_BehaviourTheSenderMissed_IsWhatTheyAskFor(string situation, string request) =>
        Assert.Equal(request, SituationRequest.From(situation));

    [Theory]
    [InlineData("you didn't ask how Mum's appointment went", true, "could you do that next time")]
    [InlineData("you don't put the bins out on a Wednesday night", false, "could you do that from now on")]
    [InlineData("you forgot to refill my prescription", true, "could you remember next time")]
    [InlineData("you forget to refill my prescription", false, "could you try to remember from now on")]
    [InlineData("you're telling your mum about our money", false, "could you stop doing that")]
    public void From_AskThatWouldRepeatALongClause_RefersBackToIt(string situation, bool past, string request) =>
        Assert.Equal(request, SituationRequest.From(situation, past));

    [Fact]
    public void From_Promise_IsNotAskedForAgain() =>
        Assert.Null(SituationRequest.From("you promised you'd ring the vet about Pepper's lump a week ago"));

    [Theory]
    [InlineData("we missed the flight")]
    [InlineData("the washing has been in the machine since Monday")]
    [InlineData("you don't get to snap at me about the shopping")]
    [InlineData("you don't want to spend time with me")]
    [InlineData("you don't care")]
    [InlineData("it's one more episode")]
    [InlineData("you said we'd go to the coast this summer")]
    [InlineData("you're going hunting this weekend")]
    public void From_NoBehaviourToAskFor_IsNull(string situation) =>
        Assert.Null(SituationRequest.From(situation));

    [Theory]
    [InlineData("you promised you'd fix the shower", true)]
    [InlineData("you said ud be back by 4", true)]
    [InlineData("you fixed the shower", false)]
    public void IsPromise_OnlyAPromiseOrPlan(string situation, bool promise) =>
        Assert.Equal(promise, SituationRequest.IsPromise(situation));
}
