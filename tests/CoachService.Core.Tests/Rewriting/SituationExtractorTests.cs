using CoachService.Core.Rewriting;

namespace CoachService.Core.Tests.Rewriting;

public class SituationExtractorTests
{
    [Theory]
    [InlineData("You told the landlord the boiler was fine so he's cancelled the engineer.", "you told the landlord the boiler was fine so he's cancelled the engineer")]
    [InlineData("You swapped your shift with Rick so Rick had to do the school run.", "you swapped your shift with Rick so Rick had to do the school run")]
    [InlineData("You spent so much on the car.", "you spent so much on the car")]
    [InlineData("You never help with the dishes.", "you don't help with the dishes")]
    [InlineData("You never help with the dishes!", "you don't help with the dishes")]
    [InlineData("Every time I bake, you pick at the crust.", "you pick at the crust when I bake")]
    [InlineData("Whenever my sister visits, you go quiet.", "you go quiet when my sister visits")]
    [InlineData("You switched the inverter over again to charge your hair stuff didn't you.", "you switched the inverter over to charge your hair stuff")]
    [InlineData("Must be nice to sleep till noon", "you sleep till noon")]
    [InlineData("It's your fault we missed the bus.", "we missed the bus")]
    [InlineData("ur ALWAYS on ur phone at dinner 🙄", "you're on your phone at dinner")]
    [InlineData("You never once asked how my interview went.", "you didn't ask how my interview went")]
    [InlineData("Why can't you ever put your phone down?", "you don't put your phone down")]
    [InlineData("How hard is it to text back?", "you don't text back")]
    [InlineData("Stop yelling at me!", "you're yelling at me")]
    [InlineData("Late again.", "you're late")]
    [InlineData("You always leave your towel on the bed!!", "you leave your towel on the bed")]
    [InlineData("Because of you the landlord is furious.", "the landlord is furious")]
    // A reason standing alone after the sentence it explains.
    [InlineData("Because you didn't pick up your phone.", "you didn't pick up your phone")]
    [InlineData("cos u left the gate open", "you left the gate open")]
    // The partner's part of a sentence that gives no clause as a whole, after a name, a comma or a joining word.
    [InlineData("Leo is not \"moody\", he's 14 and you told him at dinner that he eats like a horse.", "you told him at dinner that he eats like a horse")]
    [InlineData("Priya you've booked Cornwall for the third year.", "you've booked Cornwall for the third year")]
    [InlineData("Meanwhile the washing machine is leaking and you said we couldn't afford a plumber.", "you said we couldn't afford a plumber")]
    [InlineData("You asked what was wrong: I'd just found out you're taking Sam.", "you asked what was wrong")]
    [InlineData("You paid your friend 1,200 cedis to fix the car.", "you paid your friend 1,200 cedis to fix the car")]
    [InlineData("Sam you picked me up at 6:30 not 5.", "you picked me up at 6:30 not 5")]
    [InlineData("Tom, you paid your mate 1,200 to fix it.", "you paid your mate 1,200 to fix it")]
    [InlineData("Just so you know, the kids waited up for you until ten.", "the kids waited up for you until ten")]
    [InlineData("You couldn't have driven home anyway, could you.", "you couldn't have driven home anyway")]
    [InlineData("You hug the dog more than you hug me Rosa", "you hug the dog more than you hug me")]
    [InlineData("You told Aisha at the party.", "you told Aisha at the party")]
    [InlineData("You said you'd get the balloons, and because you forgot, the kids had none at the party.", "I was counting on you to get the balloons")]
    [InlineData("You're such a flake, you bailed on our picnic for the third weekend running.", "you bailed on our picnic for the third weekend running")]
    [InlineData("wow u forgot to pay the electric bill AGAIN", "you forgot to pay the electric bill")]
    [InlineData("Why do you always grab the aisle seat without asking if I want it?", "you grab the aisle seat without asking if I want it")]
    [InlineData("Why do you never call your mum back?", "you don't call your mum back")]
    [InlineData("Take some responsibility for once.", "you don't take some responsibility")]
    [InlineData("Must be nice having a job where you can nap at lunch.", "you're having a job where you can nap at lunch")]
    [InlineData("stop handing her to me every time she cries", "you're handing her to me when she cries")]
    [InlineData("stop saying sorry and actually change", "you're saying sorry")]
    [InlineData("You ruined my birthday dinner.", "my birthday dinner didn't go the way I hoped")]
    [InlineData("ur the reason we got kicked out of the booking lol not me", "we got kicked out of the booking")]
    [InlineData("Stop hiding behind your work and show up for this family.", "you're hiding behind your work")]
    [InlineData("You might have told me you invited Father Dineen for his dinner.", "you didn't tell me you invited Father Dineen for his dinner")]
    [InlineData("We never met your sister.", "we didn't meet your sister")]
    [InlineData("u nevr text me back", "you don't text me back")]
    // Emphasis out, abbreviations kept, and a quotation the trimmed full stop left open loses its opening mark.
    [InlineData("You did check the forecast and booked the ferry anyway.", "you checked the forecast and booked the ferry anyway")]
    [InlineData("You've now mentioned the scratch to both our neighbours.", "you've mentioned the scratch to both our neighbours")]
    [InlineData("You told the whole PTA committee that I 'can't parallel park.'", "you told the whole PTA committee that I can't parallel park")]
    [InlineData("You told the RSPB lady I 'forget everything.'", "you told the RSPB lady I forget everything")]
    [InlineData("You told the kids' teacher I 'never help.'", "you told the kids' teacher I never help")]
    [InlineData("You told 'em I was late.", "you told 'em I was late")]
    [InlineData("You did the shopping but forgot the milk.", "you did the shopping but forgot the milk")]
    // Blind raters on panel 18 read these as garbled: "… and don't said", a list cut after its first item, a framing opener kept.
    [InlineData("You've swapped to nights again and never said.", "you've swapped to nights and didn't say")]
    [InlineData("You tidy up and never wash a single pan.", "you tidy up and don't wash a single pan")]
    [InlineData("And you sent your mother sugar, soap and 200,000 last month.", "you sent your mother sugar, soap and 200,000 last month")]
    [InlineData("You left the bins, the recycling, and the dishes for me.", "you left the bins, the recycling, and the dishes for me")]
    [InlineData("You left early, you didn't say goodbye.", "you left early")]
    [InlineData("You forgot the bread, milk and eggs, and then you blamed me.", "you forgot the bread, milk and eggs")]
    [InlineData("You told Claire we'd have the children the whole of half-term.", "you told Claire we'd have the children the whole of half-term")]
    [InlineData("But you coulda tell ME instead of telling your mother first.", "you didn't tell me instead of telling your mother first")]
    [InlineData("You should've asked me before you booked it.", "you didn't ask me before you booked it")]
    [InlineData("You can't remember to put petrol in the Corolla??", "you can't remember to put petrol in the Corolla")]
    [InlineData("You did saturday and then told your mum you were 'exhausted'", "you did saturday and then told your mum you were exhausted")]
    [InlineData("You said you were at the meeting in Rathmines.", "you said you were at the meeting in Rathmines")]
    [InlineData("late to pick me up from the station", "you're late to pick me up from the station")]
    // "You're the one who" points the finger inside the clause (panel 60, rated and read): told as what they did.
    [InlineData("You're the one who left the gate open.", "you left the gate open")]
    [InlineData("You were the one who said you'd ring the landlord.", "I was counting on you to ring the landlord")]
    [InlineData("You're an hour late and the food is cold.", "you're an hour late and the food is cold")]
    [InlineData("You're the one slipping him half a sausage every Sunday morning.", "you're the one slipping him half a sausage every Sunday morning")]
    [InlineData("and you 'forgot' to call the electrician AGAIN.", "you forgot to call the electrician")]
    [InlineData("You told her we'd host Thanksgiving.", "you told her we'd host Thanksgiving")]
    [InlineData("You can drive passengers to town all day but not the kids to school.", "you can drive passengers to town all day but not the kids to school")]
    [InlineData("You: bought a new controller.", "you bought a new controller")]
    // A second review's cases: ordinary complaints the new refusals must keep, and names that are objects.
    [InlineData("It's our anniversary and you're at the pub.", "it's our anniversary and you're at the pub")]
    [InlineData("He's my son too and you never ask me.", "he's my son too and you don't ask me")]
    [InlineData("You're a bit late again.", "you're a bit late")]
    [InlineData("You're the last one to leave every party.", "you're the last one to leave every party")]
    [InlineData("You're a no-show at every school play.", "you're a no-show at every school play")]
    [InlineData("Late for my birthday dinner.", "you're late for my birthday dinner")]
    [InlineData("You just... left without saying anything.", "you just... left without saying anything")]
    [InlineData("You left me at the after party.", "you left me at the after party")]
    [InlineData("You said sorry and then told them the opposite.", "you said sorry and then told them the opposite")]
    [InlineData("She comes home and never apologizes.", "she comes home and doesn't apologize")]
    [InlineData("He's promised and never been there.", "he's promised and hasn't been there")]
    [InlineData("You prefer Netflix.", "you prefer Netflix")]
    [InlineData("You kept texting your ex Jess", "you kept texting your ex Jess")]
    [InlineData("But you can't keep lending the car to your brother every weekend.", "you keep lending the car to your brother every weekend")]
    [InlineData("You can't keep a secret.", "you can't keep a secret")]
    // A clause too long to keep whole is cut after the word its comma ends, not before it ("… on the").
    [InlineData("You left your wet gym towels on the floor, the boots and the plates on the bathroom floor for three whole days in a row.", "you left your wet gym towels on the floor")]
    [InlineData("so we're not going to talk about the fact that you told your brother my salary??", "you told your brother my salary")]
    [InlineData("you - fixed the wifi once in 2022", "you fixed the wifi once in 2022")]
    // A review's cases: advice, ordinary "get to", a "would have" that is not the clause's own, longer lists, "never" in
    // every tense, a capital A, an order with "now" in a later clause, a sarcastic tail that is not a list.
    [InlineData("You should've asked for a raise, you deserve it.", "you should've asked for a raise")]
    [InlineData("You don't get to work on time any more.", "you don't get to work on time")]
    [InlineData("You never get to bed before 2am.", "you don't get to bed before 2am")]
    [InlineData("You told your mum we'd have children by now.", "you told your mum we'd have children by now")]
    [InlineData("You didn't call when a text would have taken two seconds.", "you didn't call when a text would have taken two seconds")]
    [InlineData("You bought sugar, soap, rice and oil at the market.", "you bought sugar, soap, rice and oil at the market")]
    [InlineData("You spent £200 on drinks, £150 on the cab, and nothing on the kids.", "you spent £200 on drinks")]
    [InlineData("He comes home and never says hi.", "he comes home and doesn't say hi")]
    [InlineData("He never says hi.", "he doesn't say hi")]
    [InlineData("She never tells me anything.", "she doesn't tell me anything")]
    [InlineData("You never listens.", "you don't listen")]
    [InlineData("He never been to my mum's.", "he hasn't been to my mum's")]
    [InlineData("My sister's husband drives to Paducah every Christmas and never says a word about it.", "my sister's husband drives to Paducah every Christmas and doesn't say a word about it")]
    [InlineData("You've promised and never been there.", "you've promised and haven't been there")]
    [InlineData("You always pick plan A and never ask me.", "you pick plan A and don't ask me")]
    [InlineData("You put the For Sale sign up without asking me.", "you put the For Sale sign up without asking me")]
    [InlineData("Just answer your phone, I've been calling for an hour now.", "you don't answer your phone")]
    [InlineData("You're too late to pick up the kids again.", "you're too late to pick up the kids")]
    [InlineData("You cleaned the kitchen, gold star and a medal.", "you cleaned the kitchen")]
    [InlineData("You might have asked.", "you didn't ask")]
    [InlineData("No, you don't, because you were on the phone to Anri for 45 minutes.", "you were on the phone to Anri for 45 minutes")]
    [InlineData("You never listen when I explain anything about my stuff but ok", "you don't listen when I explain anything about my stuff")]
    [InlineData("You don't know how to do online Graham.", "you don't know how to do online")]
    [InlineData("But you opened a bottle of red at the table last night in front of me, 63 days in, and then asked why I was quiet.", "you opened a bottle of red at the table last night in front of me")]
    [InlineData("You asked me to lie to your mum about the money.", "you asked me to lie to your mum about the money")]
    [InlineData("You're not home yet and the kids are starving.", "you're not home yet and the kids are starving")]
    [InlineData("You invited the in-laws for Sunday without asking.", "you invited the in-laws for Sunday without asking")]
    [InlineData("Just so we're clear, you took the last of the milk to work.", "you took the last of the milk to work")]
    [InlineData("For the record you booked the table for the wrong night.", "you booked the table for the wrong night")]
    [InlineData("You did that on purpose.", "you did that on purpose")]
    [InlineData("You DON'T listen when I talk about work.", "you don't listen when I talk about work")]
    [InlineData("You never tell me where you are.", "you don't tell me where you are")]
    [InlineData("You ping me at 2am about the bins.", "you ping me at 2am about the bins")]
    [InlineData("You booked the MRI for the day of my exam.", "you booked the MRI for the day of my exam")]
    [InlineData("You NEVER put the bins out.", "you don't put the bins out")]
    public void Extract_Complaint_KeepsTheBehaviourInTheSendersWords(string sentence, string expected)
    {
        Assert.Equal(expected, SituationExtractor.Extract(sentence));
    }

    [Theory]
    [InlineData("you're so selfish")]
    [InlineData("Typical.")]
    [InlineData("What is wrong with you?")]
    [InlineData("just grow up")]
    [InlineData("Stop being so dramatic.")]
    [InlineData("Thanks for nothing.")]
    [InlineData("I feel like you don't care")]
    [InlineData("Oh yes, I'm obviously having an affair with my dentist, great detective work.")]
    [InlineData("We're clearly rich now.")]
    [InlineData("oh so u DO know how to use ur phone, just not to text me back 🙂")]
    [InlineData("u r such a know it all")]
    [InlineData("ur honestly such a mama's boy")]
    [InlineData("Why do you have to be so snippy about everything?")]
    [InlineData("Honestly, you're a terrible listener.")]
    [InlineData("Do you even like me?")]
    [InlineData("You only have yourself to blame.")]
    [InlineData("You wrecked the car and now we're paying for it.")]
    [InlineData("you're all talk about moving here tbh")]
    [InlineData("You've got some nerve telling me I spend too much.")]
    [InlineData("It's your mess, you clear it up.")]
    [InlineData("I feel like a single mom with a husband who sends postcards.")]
    [InlineData("ur literally the worst at texting back 🙄")]
    public void Extract_OnlyAJudgement_ReturnsNull(string sentence)
    {
        Assert.Null(SituationExtractor.Extract(sentence));
    }

    // Sentences whose words, taken as the situation, would reverse the complaint, keep a judgement, or hang the
    // feeling on the wrong event: each gave such a clause on a blind panel before it was refused.
    [Theory]
    [InlineData("wow, you emptied the dishwasher! should I call the papers? 🙄")]
    [InlineData("I'm not cleaning up after eight blokes again.")]
    [InlineData("I’m not cleaning up after eight blokes again.")]
    [InlineData("But I'm not the reason you're starving.")]
    [InlineData("You're just not a reliable person.")]
    [InlineData("You're honestly the laziest person I've ever lived with.")]
    [InlineData("She's your dog too, you know.")]
    [InlineData("I feel like you only want me around when it suits you.")]
    [InlineData("I told you I needed an hour after work and you put music on.")]
    [InlineData("We said no takeaways this month because of the wedding budget.")]
    [InlineData("You always do this thing where you agree to plans and then go quiet the day of.")]
    [InlineData("You're a grown man and you can't book your own dentist appointment.")]
    [InlineData("I asked you in March.")]
    [InlineData("It's a cold, not pneumonia.")]
    [InlineData("You made me miss my sister's call.")]
    // A partner's part that answers the sender's own ("… and you ate it"), follows a word that is not a name, sits in a
    // relative clause, or says too little.
    [InlineData("Thirty years I cooked it wrong and you ate it every day.")]
    [InlineData("Since you retired you've rearranged my cupboards twice.")]
    [InlineData("Who you've seen twice in five years.")]
    [InlineData("Just found the bill you dealt with in your work bag.")]
    [InlineData("Which you said you would.")]
    [InlineData("cuz u were on ur phone we missed the whole first half of the school play")]
    [InlineData("Priya you were on the phone we missed the delivery.")]
    [InlineData("Because you forgot, Mia had none.")]
    // The good past the complaint looks back to, a thing named rather than what happened, and a list's heading.
    [InlineData("You used to hold my hand on the way to the beach.")]
    [InlineData("The one you paid your friend Kofi 1,200 cedis to fix.")]
    [InlineData("The ONE thing I can eat right now without feeling sick.")]
    [InlineData("Things you did: bought a boat.")]
    [InlineData("I cancelled our table at 9 and ate toast on the sofa.")]
    [InlineData("It's 8:15 and my mother has eaten and gone to bed.")]
    [InlineData("You've skipped choir again 'because of me'.")]
    [InlineData("You can't expect two toddlers to sit still for 4 hours.")]
    [InlineData("You used to bring me flowers and you called me every lunch break.")]
    [InlineData("Glad you enjoyed the party.")]
    // What the sender accepts or welcomes is never the complaint.
    [InlineData("It's fine that you went out with your friends last night.")]
    [InlineData("It's great that you got the promotion, but I never see you anymore.")]
    [InlineData("Jo you need to take the bins out tonight.")]
    [InlineData("cos you were late we missed it")]
    // Nothing said about what happened: a bare auxiliary, a gerund as the verb, or a clause too long to cut where a clause ends.
    [InlineData("You never do.")]
    [InlineData("You saying you were tired.")]
    // What would have happened did not, and the partner's own wish reported is not what hurt (blind raters, panel 18).
    [InlineData("You'd have lost it if my mom did that to you.")]
    [InlineData("You would've gone mad if I'd done that.")]
    [InlineData("You said you wanted the van ready for Freycinet.")]
    [InlineData("You told me you'd like a quiet weekend.")]
    // Read panels 10 to 17, rerun: a retort, the partner's question, an excuse the sender doubts, a gap where an emoji was.
    [InlineData("You don't get to turn it into pub chat.")]
    [InlineData("You're not the budget police.")]
    [InlineData("You asked what would actually help.")]
    [InlineData("You asked me how you could help.")]
    [InlineData("You don't get to send me a 🙏 and think it's over.")]
    // Panel 19's raters: an order for now or later, "tell me where …", a "do not" made "don't do not", a character
    // label with a name, a promise in texting spelling, a doubted "two", a capability set up for a contrast, "you know what's funny".
    [InlineData("Put it in your phone now, Luke, because I'm not reminding you again")]
    [InlineData("So tell me where the fees are coming from because I am not asking my brother again")]
    [InlineData("Please tell me you didn't knock it over and just not say anything")]
    [InlineData("Do NOT text me about missing one appointment during the busiest fortnight of my year")]
    [InlineData("You're too soft Dean, and it's us that pays for it")]
    [InlineData("You had 'two' at the footy club.")]
    [InlineData("so you can deliver to half of Old Town in 20 mins but it takes you 2 hours to bring me a Greggs from Regent St?")]
    [InlineData("You know what's funny, when your brother needs a ride you're up and out the door.")]
    // Panel 20's raters: the sender's own lateness, who someone is, a bare auxiliary before a comma, "can't not".
    [InlineData("late to the Riccarton site now and the foreman's already in my ear")]
    [InlineData("late for my shift, Doreen had to cover.")]
    [InlineData("You're the name over the door Mick.")]
    [InlineData("She's your daughter Travis, I'm not her secretary.")]
    [InlineData("You hadn't, and I'm not towing it home unregistered.")]
    [InlineData("You can't just not talk to me about Kayla's wedding.")]
    [InlineData("You would of gone mad if I'd done that.")]
    [InlineData("You're too defensive.")]
    [InlineData("You know you would have gone mad.")]
    [InlineData("You: 5 hours on Fortnite.")]
    [InlineData("You - you never help with anything.")]
    [InlineData("You gave me a 👍 after three hours.")]
    [InlineData("Tell us where the money went.")]
    [InlineData("Just come home when you're ready.")]
    [InlineData("You told me you wanted a quiet weekend.")]
    // Panel 21's raters: a report of a report, a clause that stops on "just", an opener with no verb.
    [InlineData("The kids said you told them I'm 'not their real mom' so they don't have to clean their room.")]
    [InlineData("And you were going to just... what, hand me the form at dinner?")]
    [InlineData("But you told me in January that this year, our tenth, you would take me to Mombasa for two nights.")]
    [InlineData("I'm the one who drove across town for the spare key when you locked us out of the flat at the start of the long weekend.")]
    // Panel 62's raters: an accusing question without its question mark, read from "you", said they did it.
    [InlineData("Did you shut the hens in last night.")]
    [InlineData("Didn't you lock the back door when you left")]
    public void Extract_SentenceThatWouldTurnTheComplaint_GivesNoSituation(string sentence) =>
        Assert.Null(SituationExtractor.Extract(sentence));

    /// <summary>"You're the one who" is taken out only before a past verb: "you're the one who wants a dog" would become "you wants a dog".</summary>
    [Fact]
    public void Extract_TheOneWhoBeforeAPresentVerb_KeepsTheGrammar()
    {
        Assert.Equal("you're the one who wants a dog", SituationExtractor.Extract("You're the one who wants a dog."));
        Assert.Equal("you wanted a dog", SituationExtractor.Extract("You're the one that wanted a dog."));
        Assert.Equal("you forgot the bins", SituationExtractor.Extract("Will, you forgot the bins."));
    }

    [Theory]
    [InlineData("that I 'can't boil an egg", "that I can't boil an egg")]
    [InlineData("you said \u201cin a minute", "you said in a minute")]
    [InlineData("you said 'in a minute' and left", "you said 'in a minute' and left")]
    [InlineData("the kids' teacher heard it", "the kids' teacher heard it")]
    [InlineData("you told 'em twice", "you told 'em twice")]
    [InlineData("you called it 'fine' and 'nothing", "you called it 'fine' and nothing")]
    public void BalanceQuotes_QuotationLeftOpen_LosesItsOpeningMarkOnly(string clause, string expected) =>
        Assert.Equal(expected, SituationExtractor.BalanceQuotes(clause));

    /// <summary>A maxim has a general "you"; "you can't expect me to …" is said to the partner.</summary>
    [Fact]
    public void Extract_CantExpectMe_IsAComplaintAtThePartner() =>
        Assert.NotNull(SituationExtractor.Extract("You can't expect me to cook every single night."));

    /// <summary>A name ending a clause is dropped when it calls out to the partner, and kept when the clause is about it.</summary>
    [Theory]
    [InlineData("we weren't running late Aroha", "we weren't running late")]
    [InlineData("you've been planning this trip for two years Graham", "you've been planning this trip for two years")]
    [InlineData("you kiss the cat more than you kiss me Shona", "you kiss the cat more than you kiss me")]
    [InlineData("I'd booked Dishoom for my mum's 60th and you knew that Callum", "I'd booked Dishoom for my mum's 60th and you knew that")]
    [InlineData("you're too soft Dean", "you're too soft")]
    [InlineData("you said nothing Lwazi", "you said nothing")]
    [InlineData("you were out drinking Dave", "you were out drinking Dave")]
    [InlineData("you never listen Dave", "you never listen Dave")]
    [InlineData("you were on that Xbox till 3 Brodie", "you were on that Xbox till 3")]
    [InlineData("you bought a new Toyota", "you bought a new Toyota")]
    [InlineData("you missed the party Saturday", "you missed the party Saturday")]
    [InlineData("you picked up Mum", "you picked up Mum")]
    [InlineData("you invited Father Dineen", "you invited Father Dineen")]
    [InlineData("you keep texting Jess", "you keep texting Jess")]
    [InlineData("you moved us to Leeds", "you moved us to Leeds")]
    [InlineData("you booked the footy with Dean", "you booked the footy with Dean")]
    [InlineData("you told Sarah", "you told Sarah")]
    [InlineData("you never call Priya", "you never call Priya")]
    [InlineData("you insulted her Dad", "you insulted her Dad")]
    [InlineData("you've said no to everything I've suggested since April", "you've said no to everything I've suggested since April")]
    [InlineData("you spent all weekend texting Jess", "you spent all weekend texting Jess")]
    [InlineData("you went to the wedding without Maya", "you went to the wedding without Maya")]
    public void WithoutCalledName_ANameCalledOutAtTheEnd_IsDropped(string clause, string expected) =>
        Assert.Equal(expected, SituationExtractor.WithoutCalledName(clause));

    /// <summary>
    /// A promise the partner broke is told as what the sender was counting on (blind raters on panel 34 found "because
    /// you said you'd …" pinned the feeling on the promise, so such sentences used to give no clause at all).
    /// </summary>
    [Theory]
    [InlineData("You promised you'd ring the vet about Pepper's lump a week ago.", "I was counting on you to ring the vet about Pepper's lump a week ago")]
    [InlineData("You said 'I'll handle the plumber' on Monday.", "I was counting on you to handle the plumber")]
    [InlineData("chlo ur cat pissed on my work jacket AGAIN and u said youd shut the bedroom door.", "I was counting on you to shut the bedroom door")]
    [InlineData("You said you'd phone the school about the trip money.", "I was counting on you to phone the school about the trip money")]
    public void Extract_BrokenPromise_IsWhatTheSenderCountedOn(string sentence, string expected) =>
        Assert.Equal(expected, SituationExtractor.Extract(sentence));

    /// <summary>A promise that is a demand in disguise, or a wish, is never told as what the sender counted on.</summary>
    [Theory]
    [InlineData("You promised you'd give me your password.")]
    [InlineData("You said you'd stop seeing her.")]
    [InlineData("You swore you'd delete his number.")]
    [InlineData("You said you'd share your location with me.")]
    [InlineData("You promised you'd move out by Friday.")]
    [InlineData("You told me you'd like a quiet weekend.")]
    public void Extract_PromiseThatIsADemandOrAWish_IsNotCountedOn(string sentence) =>
        Assert.DoesNotContain("counting on", SituationExtractor.Extract(sentence) ?? "", StringComparison.Ordinal);

    /// <summary>A texting opener without punctuation, and a "like you said you would" tail, are not part of what happened.</summary>
    [Theory]
    [InlineData("smh you left Jaylen at practice AGAIN.", "you left Jaylen at practice")]
    [InlineData("ok so you left the van on empty.", "you left the van on empty")]
    [InlineData("You did not send the 3,000 to my mother like you said you would.", "you did not send the 3,000 to my mother")]
    [InlineData("You didn't book the table as promised.", "you didn't book the table")]
    public void Extract_OpenerOrPromiseTail_IsLeftOut(string sentence, string expected) =>
        Assert.Equal(expected, SituationExtractor.Extract(sentence));
}
