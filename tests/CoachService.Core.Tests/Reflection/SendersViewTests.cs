using CoachService.Core.Reflection;

namespace CoachService.Core.Tests.Reflection;

public class SendersViewTests
{
    [Theory]
    [InlineData("you don't text back while you're out with the boys", "they don't text back while they're out with the boys")]
    // "your own wife" is the sender (panel 19's raters read "their own wife" as cold).
    [InlineData("you couldn't bring home paracetamol for your own wife with 39 fever", "they couldn't bring home paracetamol for you with 39 fever")]
    [InlineData("you forgot your own wife's birthday", "they forgot your birthday")]
    [InlineData("you couldn't bring home paracetamol for your own wife when I had 39 fever", "they couldn't bring home paracetamol for you when you had 39 fever")]
    [InlineData("you chose your wife over me", "they chose their wife over you")]
    [InlineData("you couldn't tell me you wasn't coming", "they couldn't tell you they weren't coming")]
    // Panel 22's raters: "you" as a subject after a noun or in a question, and the partner's quoted words left as they are.
    [InlineData("you told me Sunday you already swapped with Ramirez", "they told you Sunday they already swapped with Ramirez")]
    [InlineData("she texted you Friday asking would you come up to Dublin", "she texted them Friday asking would they come up to Dublin")]
    [InlineData("you told Olu's wife you help with the washing", "they told Olu's wife they help with the washing")]
    [InlineData("you asked me 'so what do you wanna do for your birthday' at 11pm", "they asked you 'so what do you wanna do for your birthday' at 11pm")]
    [InlineData("you never let you go out", "they never let them go out")]
    [InlineData("I asked would you mind picking her up", "you asked would they mind picking her up")]
    [InlineData("I watched you go", "you watched them go")]
    [InlineData("you spent £90 on a present for your secretary and £20 on mine", "they spent £90 on a present for their secretary and £20 on yours")]
    [InlineData("you're telling me to calm down while I bring something up", "they're telling you to calm down while you bring something up")]
    [InlineData("I was waiting and you didn't call", "you were waiting and they didn't call")]
    [InlineData("she told you about it twice", "she told them about it twice")]
    [InlineData("the dishes stay in the sink", "the dishes stay in the sink")]
    [InlineData("everyone asks where you are", "everyone asks where they are")]
    [InlineData("you’ve forgotten my mum’s birthday", "they've forgotten your mum's birthday")]
    [InlineData("you pretend you miss me", "they pretend they miss you")]
    [InlineData("I saw you were upset and I told you I was sorry", "you saw they were upset and you told them you were sorry")]
    [InlineData("I thought you would ring me", "you thought they would ring you")]
    [InlineData("my mum asked you to help", "your mum asked them to help")]
    [InlineData("you told your mum on the phone you were shattered", "they told their mum on the phone they were shattered")]
    [InlineData("you said you 'handled it'", "they said they 'handled it'")]
    [InlineData("the bachelor party you were probably going to skip", "the bachelor party they were probably going to skip")]
    [InlineData("you was in Tobago the whole weekend", "they were in Tobago the whole weekend")]
    [InlineData("you is the fun daddy and I is the wicked one", "they are the fun daddy and you are the wicked one")]
    [InlineData("I found you passed out on the sofa", "you found them passed out on the sofa")]
    [InlineData("being married to you wasn't meant to feel like this", "being married to them wasn't meant to feel like this")]
    [InlineData("I rang you, waited an hour", "you rang them, waited an hour")]
    [InlineData("the one you paid your friend to fix", "the one they paid their friend to fix")]
    [InlineData("waiting for you was pointless", "waiting for them was pointless")]
    [InlineData("cooking for you has become a chore", "cooking for them has become a chore")]
    [InlineData("everything I do for you doesn't count", "everything you do for them doesn't count")]
    [InlineData("I always let you have the last word", "you always let them have the last word")]
    [InlineData("I had to watch you do nothing while I cleaned", "you had to watch them do nothing while you cleaned")]
    [InlineData("I wished you happy birthday and you ignored me", "you wished them happy birthday and they ignored you")]
    [InlineData("I know you never listen", "you know they never listen")]
    [InlineData("I texted, you ignored it", "you texted, they ignored it")]
    [InlineData("it feels like you ignore me", "it feels like they ignore you")]
    [InlineData("you could at least pretend you miss me", "they could at least pretend they miss you")]
    [InlineData("you couldn't text me once to say you were alive", "they couldn't text you once to say they were alive")]
    [InlineData("you told me you were looking", "they told you they were looking")]
    public void Of_SituationToThePartner_IsSeenFromTheSendersSide(string situation, string expected)
    {
        Assert.Equal(expected, SendersView.Of(situation));
    }
}
