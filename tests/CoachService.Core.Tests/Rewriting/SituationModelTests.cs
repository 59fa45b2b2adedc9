using System.Text.Json;
using CoachService.Core.Data;
using CoachService.Core.Rewriting;

namespace CoachService.Core.Tests.Rewriting;

[Collection(DetectionModelsGroup.Name)]
public class SituationModelTests(DetectionFixture models)
{
    private SituationModel Model => models.Situations;

    private float Score(string message, string clause) => Model.Score(clause, models.Embedder.Embed(message));

    /// <summary>A message's candidate clauses are read together, in one encoder call, each scored as it would be alone.</summary>
    [Fact]
    public void Score_SeveralClauses_OneEncoderPass_SameScoresAsOneByOne()
    {
        string[] clauses = ["you left the back gate open", "the dog got out onto the road", "I had to chase him down the lane in my slippers"];
        var vector = models.Embedder.Embed("You left the back gate open. The dog got out onto the road. I had to chase him down the lane in my slippers.");
        var alone = clauses.Select(c => Model.Score(c, vector)).ToList();
        long before = models.Encoder.Passes;

        var together = Model.Score(clauses, vector);

        Assert.Equal(1, models.Encoder.Passes - before);
        Assert.Equal(alone.Count, together.Count);
        Assert.All(alone.Zip(together), x => Assert.Equal(x.First, x.Second, 4));
    }

    [Fact]
    public void ModelCard_DataHash_MatchesTheRatedClauses()
    {
        string card = File.ReadAllText(Path.Combine(RepositoryPaths.Models, "SITUATION_MODEL_CARD.md"));

        // The hash of the rated clauses as they are now (the trainer's: SHA-256 of situation/*.jsonl in order, 16 hex
        // digits), so a rating changed since the model was trained fails here.
        using var sha = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (string file in Directory.GetFiles(Path.Combine(RepositoryPaths.Data, "situation"), "*.jsonl").Order(StringComparer.Ordinal))
        {
            sha.AppendData(File.ReadAllBytes(file));
        }

        string hash = Convert.ToHexStringLower(sha.GetHashAndReset())[..16];
        Assert.Equal(hash, Model.Info.DataHash);
        Assert.Contains($"`{hash}`", card, StringComparison.Ordinal);
        Assert.InRange(Model.Info.Threshold, 0.05f, 0.95f);
    }

    [Fact]
    public void Ratings_NameOnlyRatedCandidates_AndCoverEveryCandidate()
    {
        string folder = Path.Combine(RepositoryPaths.Data, "situation");
        var candidates = JsonLines.Read<JsonElement>(Path.Combine(folder, "candidates.jsonl")).Select(e => e.GetProperty("cid").GetString()).ToHashSet();
        var rated = Directory.GetFiles(folder, "ratings-*.jsonl").SelectMany(file => JsonLines.Read<JsonElement>(file)).Select(e => e.GetProperty("cid").GetString()).ToList();

        Assert.Equal(rated.Count, rated.Distinct().Count());
        Assert.True(candidates.SetEquals(rated), "every candidate clause is rated exactly once");
    }

    /// <summary>
    /// Clauses the extractor once gave, as rewrites panel 8's raters quoted them (development data): pieces with no
    /// verb of their own, a feeling about a feeling, a jab kept, a question turned inside out. None should stand
    /// after "I feel … when". Their messages were among the rated ones the check was trained on, so this pins that it
    /// keeps what it learned, not that it generalises (panel 10 measures that).
    /// </summary>
    [Theory]
    [InlineData("You know what, I'm not even upset that you forgot to pick up the cake.", "you know what")]
    [InlineData("I'm not angry that you slipped. I'm angry that you lied to my face about it.", "I'm angry that you lied to my face about it")]
    [InlineData("We live together and I feel like I have a lodger. A lodger who doesn't even pay for the beer.", "a lodger who doesn't pay for the beer")]
    [InlineData("Flames game isn't till 7, Bill. You have time.", "you have time")]
    [InlineData("You lent Matt HOW much? Without asking me?", "you lent Matt how much")]
    [InlineData("The ONE bill you said you'd handle, Marcus. The one.", "the one bill you said you'd handle")]
    public void Score_BrokenOrBlamingClause_IsBelowTheThreshold(string message, string clause) =>
        Assert.True(Score(message, clause) < Model.Info.Threshold, $"{clause}: {Score(message, clause):F2}");

    [Theory]
    // (Was "you said you'd ring the landlord …": since the second round of clause ratings, what the partner said is not
    // taken as what happened; a promise is told as what the sender counted on, which bypasses this check.)
    [InlineData("You forgot to ring the landlord about the boiler on Monday. It's Thursday.", "you forgot to ring the landlord about the boiler on Monday")]
    [InlineData("You left the back gate open again and the dog got out.", "you left the back gate open and the dog got out")]
    public void Score_PlainClauseAboutWhatHappened_ReachesTheThreshold(string message, string clause) =>
        Assert.True(Score(message, clause) >= Model.Info.Threshold, $"{clause}: {Score(message, clause):F2}");

    /// <summary>The check is tuned for precision and passes about two good clauses in three: this one it misses.</summary>
    [Fact(Skip = "Known miss of the 2026-12-05 clause check (0.47 against 0.51); a good clause the sender would recognise.")]
    public void Score_ClauseWithNobodyAsSubject_ReachesTheThreshold() =>
        Assert.True(Score("Nursery rang me at work because nobody collected Isla. It was your day.", "nobody collected Isla from nursery on your day") >= Model.Info.Threshold);

    [Fact]
    public void AnchorModelCard_DataHash_MatchesTheRatingsItLearnedFrom()
    {
        string card = File.ReadAllText(Path.Combine(RepositoryPaths.Models, "ANCHOR_MODEL_CARD.md"));

        // The trainer's hash: SHA-256 of question*.jsonl of panels 12 to 25 (each folder, then its baseline/), then of
        // the question sets rated for the check (anchors/), then of the rated clauses (situation/*.jsonl), files in
        // order, 16 hex digits, so a rating changed since the check was trained fails here.
        var folders = Enumerable.Range(12, 14)
            .SelectMany(n => new[] { Path.Combine(RepositoryPaths.Models, "eval", $"panel-{n}"), Path.Combine(RepositoryPaths.Models, "eval", $"panel-{n}", "baseline") })
            .Append(Path.Combine(RepositoryPaths.Data, "anchors"))
            .Where(Directory.Exists);
        using var sha = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (string file in folders.SelectMany(f => Directory.GetFiles(f, "question*.jsonl").Order(StringComparer.Ordinal))
            .Concat(Directory.GetFiles(Path.Combine(RepositoryPaths.Data, "situation"), "*.jsonl").Order(StringComparer.Ordinal)))
        {
            sha.AppendData(File.ReadAllBytes(file));
        }

        string hash = Convert.ToHexStringLower(sha.GetHashAndReset())[..16];
        Assert.Equal(hash, Model.AnchorInfo.DataHash);
        Assert.Contains($"`{hash}`", card, StringComparison.Ordinal);
        Assert.InRange(Model.AnchorInfo.Threshold, 0.5f, 0.99f);
    }

    /// <summary>
    /// Question anchors blind raters of panel 23 found off-putting, with their messages (the check reads both): garbled,
    /// or a detail beside the complaint ("€89 on a Leinster jersey … You don't even follow rugby"). Panel 23 is in the
    /// check's training data, so this pins that it keeps what it learned; panel 26 measures whether it generalises.
    /// </summary>
    [Theory]
    [InlineData("I had to leave work early to take your mother to her appointment at the Health Sciences because you \"forgot\". It was in the calendar, I reminded you last night. You had one thing this week Darrell. She's your mother.", "they had one thing this week")]
    [InlineData("€89 on a Leinster jersey. We're from Westmeath. You don't even follow rugby.", "they don't follow rugby")]
    [InlineData("who left the freezer door open in the back. £140 of stock gone soft. ice creams, the lot. you were last in there ciaran dont even", "they were last in there ciaran don't")]
    [InlineData("Jayden's been suspended for vaping in the toilets and you're LAUGHING about it on the phone with your brother?? You bought him the bloody thing 'so he'd stop pinching yours'. This is on you Craig", "they bought him the thing ' he'd stop pinching theirs")]
    public void AnchorScore_ClauseRatersFoundOffPutting_IsBelowTheThreshold(string message, string view) =>
        Assert.True(AnchorScore(message, view) < Model.AnchorInfo.Threshold, $"{view}: {AnchorScore(message, view):F2}");

    /// <summary>Plain clauses about what happened, one event or a habit ("You never listen to me" asks about "they don't listen to you").</summary>
    [Theory]
    [InlineData("Ron you've had the car since ten this morning and I've missed my podiatrist. Phone's going to voicemail. I expect you're in the Cumberland again.", "they've had the car since ten this morning and you've missed your podiatrist")]
    [InlineData("You left the back gate open again and the dog got out.", "they left the back gate open and the dog got out")]
    [InlineData("Nursery rang me at work. You forgot to pick up Isla on Thursday.", "they forgot to pick up Isla from nursery on Thursday")]
    [InlineData("You never listen to me. I told you about the interview three times.", "they don't listen to you")]
    [InlineData("You never text back when you're out with the boys.", "they don't text back when they're out with the boys")]
    public void AnchorScore_PlainClauseAboutWhatHappened_ReachesTheThreshold(string message, string view) =>
        Assert.True(AnchorScore(message, view) >= Model.AnchorInfo.Threshold, $"{view}: {AnchorScore(message, view):F2}");

    /// <summary>The check is tuned for few off-putting questions and turns down some plain clauses too: this one, after a thank-you, it misses.</summary>
    [Fact(Skip = "Known miss of the 2026-12-06 anchor check (0.83 against 0.88): the habit is plain, and the thanks before it lowers the score.")]
    public void AnchorScore_HabitAfterAThankYou_ReachesTheThreshold() =>
        Assert.True(AnchorScore("Thanks for cooking. You never help with the dishes.", "they don't help with the dishes") >= Model.AnchorInfo.Threshold);

    /// <summary>The embedded engine composes no question on a clause the anchor check turns down, and three on one it passes.</summary>
    [Theory]
    [InlineData("You had ONE thing this week Darrell.", "you had one thing this week", 0)]
    [InlineData("You left the back gate open and the dog got out.", "you left the back gate open and the dog got out", 3)]
    public void Questions_OnTheSendersSituation_OnlyWhenTheAnchorCheckPassesIt(string message, string situation, int expected)
    {
        var vector = models.Embedder.Embed(message);

        var questions = models.Questions.Questions(vector, Concern.General, null, situation: situation);

        Assert.Equal(expected, questions.Count);
        Assert.All(questions, q => Assert.StartsWith("When they ", q.Text, StringComparison.Ordinal));
    }

    /// <summary>The check reads the clause through the caller's per-client reading, when it is given one (a repeated request costs no encoder pass), else afresh.</summary>
    [Fact]
    public void AnchorScore_ReadsTheClauseThroughTheCallersReading_WhenGivenOne()
    {
        var vector = models.Embedder.Embed("You never listen to me.");
        var asked = new List<string>();
        float[] clauseVector = models.Embedder.Embed(SituationModel.AnchorInputOf("they don't listen to you"));
        long before = models.Encoder.Passes;

        float cached = Model.AnchorScore("they don't listen to you", vector, texts => { asked.AddRange(texts); return [clauseVector]; });
        long afterCached = models.Encoder.Passes;
        float afresh = Model.AnchorScore("they don't listen to you", vector);

        Assert.Equal(before, afterCached);
        Assert.Equal([SituationModel.AnchorInputOf("they don't listen to you")], asked);
        Assert.Equal(1, models.Encoder.Passes - afterCached);
        Assert.Equal(afresh, cached, 4);
    }

    private float AnchorScore(string message, string view) => Model.AnchorScore(view, models.Embedder.Embed(message));
}
