using CoachService.Core.Rewriting;

namespace CoachService.Core.Tests.Rewriting;

public sealed class SituationRequestTests
{
    /// <summary>What a "please" may ask in the sender's words: taking a post down, yes; cutting someone off, their phone, an ultimatum or leaving, never.</summary>
    [Theory]
    [InlineData("delete it now.", true)]
    [InlineData("take the photo down tonight", true)]
    [InlineData("ring the garage before 5", true)]
    [InlineData("delete his number", false)]
    [InlineData("block her on everything", false)]
    [InlineData("just block her on everything", false)]
    [InlineData("just delete it now", true)]
    // The review's ways round: a comma or a modal before the verb, a second request after "and", an order to stop,
    // the sender's own plan inside.
    [InlineData(", block her on everything", false)]
    [InlineData("can you block her", false)]
    [InlineData("make sure you delete his number", false)]
    [InlineData("delete it and block her", false)]
    [InlineData("don't text her again", false)]
    [InlineData("understand that I'm leaving", false)]
    [InlineData("take the photo down tonight please", true)]
    [InlineData("go and get it tonight", true)]
    [InlineData("pack your bags and go", false)]
    [InlineData("give me your phone", false)]
    [InlineData("pay it back or I'm telling your mum", false)]
    [InlineData("just leave", false)]
    public void MayAsk_OnlyWhatTheServiceWouldAskFor(string action, bool may) =>
        Assert.Equal(may, SituationRequest.MayAsk(action));

    [Theory]
    [InlineData("you don't help with the dishes", "could you help with the dishes")]
    [InlineData("you do not text back while you're at the pub", "could you text back")]
    [InlineData("you don't even call when your shift runs late", "could you call")]
    [InlineData("you don't put the bins out.", "could you put the bins out")]
    public void ForHabit_PresentHabitOfNotDoing_IsWhatTheyAskFor(string situation, string request) =>
        Assert.Equal(request, SituationRequest.ForHabit(situation));

    /// <summary>Only a present habit is asked for: a past event cannot be asked for again, and other asks made from a clause were rated poorly.</summary>
    [Theory]
    [InlineData("you didn't close the cupboards")]
    [InlineData("you haven't once asked how I'm coping")]
    [InlineData("you forgot the bins")]
    [InlineData("you're on your phone at dinner")]
    [InlineData("you're telling your mum about our money")]
    [InlineData("I've asked you to book your MOT more than once")]
    [InlineData("you dont help with the dishes")]
    public void ForHabit_AnythingButAPresentHabit_IsNull(string situation) =>
        Assert.Null(SituationRequest.ForHabit(situation));

    /// <summary>Not a behaviour to ask for, an ask raters turned down (remember, stop, "do that"), or one that would say the complaint again.</summary>
    [Theory]
    [InlineData("you don't get to snap at me about the shopping")]
    [InlineData("you don't want to spend time with me")]
    [InlineData("you don't care")]
    [InlineData("you don't remember my sister's name")]
    [InlineData("you don't stop scrolling when I talk to you")]
    [InlineData("you don't do that for me")]
    [InlineData("you don't put the bins out on a Wednesday night")]
    [InlineData("you don't ask how my mum's hospital appointment went this week")]
    public void ForHabit_NoAskThatFits_IsNull(string situation) =>
        Assert.Null(SituationRequest.ForHabit(situation));

    [Theory]
    [InlineData("Call the garage today please.", "could you call the garage today")]
    [InlineData("can u pls just lock the shed when u finish", "could you lock the shed when you finish")]
    [InlineData("Ring your brother and ask him to move his van.", "could you ring your brother and ask him to move his van")]
    [InlineData("Can we please talk before we promise people things", "could we talk before we promise people things")]
    [InlineData("Please ring her.", "could you ring her")]
    [InlineData("Send me the receipt now now.", "could you send me the receipt")]
    [InlineData("FIX THIS", "could you fix this")]
    [InlineData("Sort it now please I am in a meeting", "could you sort it now")]
    [InlineData("Please call her and apologise, she was very upset.", "could you call her and apologise")]
    [InlineData("Call Ahmed today please.", "could you call Ahmed today")]
    [InlineData("Text Fred back about Saturday.", "could you text Fred back about Saturday")]
    public void FromSendersAsk_PracticalRequest_IsAskedInTheirWords(string sentence, string request) =>
        Assert.Equal(request, SituationRequest.FromSendersAsk(sentence));

    /// <summary>Not a practical request: an order not to do something, to stop or to go, too little to ask for, or a sentence about the past.</summary>
    [Theory]
    [InlineData("Please don't touch my laptop.")]
    [InlineData("Stop buying the kids sweets.")]
    [InlineData("Just tell me")]
    [InlineData("Call me.")]
    [InlineData("Get out.")]
    [InlineData("Leave me alone.")]
    [InlineData("You said you'd call the garage.")]
    [InlineData("Did you call the garage?")]
    [InlineData("Come on, seriously")]
    [InlineData("")]
    [InlineData("please")]
    [InlineData("Call,")]
    [InlineData("ok ok please ...")]
    [InlineData("Phone battery dead, no money for tuk, finally took the bus.")]
    [InlineData("Phone switched off.")]
    [InlineData("Text ignored as usual")]
    public void FromSendersAsk_NoPracticalRequest_IsNull(string sentence) =>
        Assert.Null(SituationRequest.FromSendersAsk(sentence));

    /// <summary>
    /// First, do no harm: a request that carries an ultimatum or a consequence, sends the partner away, or checks up on
    /// them is never turned into a polite ask, which would soften it (the safety check does not catch all of these).
    /// </summary>
    [Theory]
    [InlineData("Put the money back or I'm leaving.")]
    [InlineData("Pay me back by Friday or I'm telling your mother.")]
    [InlineData("Pay it by Friday or else.")]
    [InlineData("Sort the car out otherwise I'm done.")]
    [InlineData("Fix the boiler before I lose it.")]
    [InlineData("Move your things out by Friday.")]
    [InlineData("Take your stuff and go to your brother's.")]
    [InlineData("Tell me where you were last night and who with.")]
    [InlineData("Send me your location every hour.")]
    [InlineData("Give me your phone password.")]
    public void FromSendersAsk_UltimatumGoodbyeOrControl_IsNeverAnAsk(string sentence) =>
        Assert.Null(SituationRequest.FromSendersAsk(sentence));

    [Theory]
    [InlineData("Where are you??", "could you let me know where you are")]
    [InlineData("babe where r u", "could you let me know where you are")]
    [InlineData("Are you actually coming or what", "could you let me know if you're coming")]
    [InlineData("Are you even coming home tonight?", "could you let me know if you're coming home")]
    [InlineData("What happened Ciarán", "could you tell me what happened")]
    [InlineData("So what happened?", "could you tell me what happened")]
    [InlineData("When are you getting home?", "could you let me know when you'll be home")]
    public void FromSendersQuestion_QuestionNeededNow_IsAskedAsARequest(string sentence, string request) =>
        Assert.Equal(request, SituationRequest.FromSendersQuestion(sentence));

    /// <summary>Questions about the past, about who they were with, or anything more than the plain forms, check up on them or accuse: never an ask.</summary>
    [Theory]
    [InlineData("Where were you last night?")]
    [InlineData("Who were you with?")]
    [InlineData("Where are you going with her?")]
    [InlineData("What happened to the money I gave you?")]
    [InlineData("Why are you never home?")]
    [InlineData("Where are you, and who's there with you?")]
    [InlineData("You said you'd be home by 6.")]
    public void FromSendersQuestion_AnyOtherSentence_IsNull(string sentence) =>
        Assert.Null(SituationRequest.FromSendersQuestion(sentence));

    [Theory]
    [InlineData("Dave says you left at 3. Who are you with? Where are you?", true)]
    [InlineData("Where were you last night? Where are you now?", true)]
    [InlineData("I checked your location twice. Where are you?", true)]
    [InlineData("You said you'd pick Gran up at 3. She's still waiting. Where are you??", false)]
    public void ChecksUp_OnlyAMessageThatChecksUpOnThem(string message, bool checksUp) =>
        Assert.Equal(checksUp, SituationRequest.ChecksUp(message));

    [Theory]
    [InlineData("you promised you'd fix the shower", true)]
    [InlineData("you said ud be back by 4", true)]
    [InlineData("you fixed the shower", false)]
    public void IsPromise_OnlyAPromiseOrPlan(string situation, bool promise) =>
        Assert.Equal(promise, SituationRequest.IsPromise(situation));

    [Theory]
    [InlineData("you said you'd ring the landlord about the mould", "I was counting on you to ring the landlord about the mould")]
    [InlineData("you said you will come after the tuition class", "I was counting on you to come after the tuition class")]
    [InlineData("you promised to take me for my scan at 10", "I was counting on you to take me for my scan at 10")]
    [InlineData("you said 'I'll grab your prescription from Boots on the way home'", "I was counting on you to grab your prescription from Boots on the way home")]
    [InlineData("you said you'd set the direct debit up in March", "I was counting on you to set the direct debit up in March")]
    [InlineData("you were going to book it into Kerins weeks ago", "I was counting on you to book it into Kerins weeks ago")]
    [InlineData("you said you'd work from home today", "I was counting on you to work from home today")]
    [InlineData("you said you'd drop the card in on your way past Chantry", "I was counting on you to drop the card in on your way past Chantry")]
    [InlineData("you said you'd finish the bathroom by Easter", "I was counting on you to finish the bathroom by Easter")]
    public void CountedOn_ThePartnersPromise_IsWhatTheSenderCountedOn(string clause, string counted) =>
        Assert.Equal(counted, SituationRequest.CountedOn(clause));

    /// <summary>Not the partner's own promise to do something: a plan for both, a promise not to, a report of what they had done, or no promise.</summary>
    [Theory]
    [InlineData("you said we'd go to the coast this weekend")]
    [InlineData("you said you'd never do it again")]
    [InlineData("you told me you'd paid the water bill")]
    [InlineData("you said you'd been at work all day")]
    [InlineData("you said you were working late")]
    [InlineData("you left the gate open")]
    [InlineData("you said you'd")]
    [InlineData("you said I'd run the raffle at the Christmas do")]
    [InlineData("you told me I'll have to drive")]
    [InlineData("we were going to save for the deposit")]
    [InlineData("you were going to the gym after work")]
    [InlineData("you were going to Mum's for tea")]
    [InlineData("you're going to pick her up at three")]
    [InlineData("you were going to stop seeing her")]
    [InlineData("you said you'd cut your mates off")]
    public void CountedOn_NoPromiseToDoSomething_IsNull(string clause) =>
        Assert.Null(SituationRequest.CountedOn(clause));

    [Theory]
    [InlineData("I was counting on you to ring the landlord about the mould", true)]
    [InlineData("I was counting on you to be there", false)]
    [InlineData("I was counting on you to do it", false)]
    [InlineData("I was counting on you to sort that out by Friday", true)]
    [InlineData("I was counting on you to take the bins out we missed the truck", false)]
    [InlineData("you left the gate open", false)]
    public void PlainlyCountedOn_SaysWhatWasPromised(string clause, bool plain) =>
        Assert.Equal(plain, SituationRequest.PlainlyCountedOn(clause));
}
