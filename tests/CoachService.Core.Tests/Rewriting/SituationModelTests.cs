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
    [InlineData("You said you'd ring the landlord about the boiler on Monday. It's Thursday.", "you said you'd ring the landlord about the boiler on Monday")]
    [InlineData("You left the back gate open again and the dog got out.", "you left the back gate open and the dog got out")]
    public void Score_PlainClauseAboutWhatHappened_ReachesTheThreshold(string message, string clause) =>
        Assert.True(Score(message, clause) >= Model.Info.Threshold, $"{clause}: {Score(message, clause):F2}");

    /// <summary>The check is tuned for precision and passes about two good clauses in three: this one it misses.</summary>
    [Fact(Skip = "Known miss of the 2026-12-05 clause check (0.47 against 0.51); a good clause the sender would recognise.")]
    public void Score_ClauseWithNobodyAsSubject_ReachesTheThreshold() =>
        Assert.True(Score("Nursery rang me at work because nobody collected Isla. It was your day.", "nobody collected Isla from nursery on your day") >= Model.Info.Threshold);

    [Fact]
    public void AnchorModelCard_DataHash_MatchesThePanelsItLearnedFrom()
    {
        string card = File.ReadAllText(Path.Combine(RepositoryPaths.Models, "ANCHOR_MODEL_CARD.md"));

        // The trainer's hash: SHA-256 of question*.jsonl of panels 12 to 23 (each folder, then its baseline/, files in
        // order), then of the rated clauses (situation/*.jsonl), 16 hex digits, so a rating changed since the check was
        // trained fails here.
        using var sha = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (int panel in Enumerable.Range(12, 12))
        {
            string folder = Path.Combine(RepositoryPaths.Models, "eval", $"panel-{panel}");
            foreach (string part in new[] { folder, Path.Combine(folder, "baseline") }.Where(Directory.Exists))
            {
                foreach (string file in Directory.GetFiles(part, "question*.jsonl").Order(StringComparer.Ordinal))
                {
                    sha.AppendData(File.ReadAllBytes(file));
                }
            }
        }

        foreach (string file in Directory.GetFiles(Path.Combine(RepositoryPaths.Data, "situation"), "*.jsonl").Order(StringComparer.Ordinal))
        {
            sha.AppendData(File.ReadAllBytes(file));
        }

        string hash = Convert.ToHexStringLower(sha.GetHashAndReset())[..16];
        Assert.Equal(hash, Model.AnchorInfo.DataHash);
        Assert.Contains($"`{hash}`", card, StringComparison.Ordinal);
        Assert.InRange(Model.AnchorInfo.Threshold, 0.5f, 0.99f);
    }

    /// <summary>
    /// Question anchors blind raters of panel 23 found off-putting, as the questions put them (garbled, or a detail
    /// beside the complaint: "€89 on a Leinster jersey … You don't even follow rugby"). Panel 23 is in the check's
    /// training data, so this pins that it keeps what it learned; panel 24 measures whether it generalises.
    /// </summary>
    [Theory]
    [InlineData("they had one thing this week")]
    [InlineData("they don't follow rugby")]
    [InlineData("they were last in there ciaran don't")]
    [InlineData("they have to see it from your side")]
    [InlineData("they bought him the thing ' he'd stop pinching theirs")]
    public void AnchorScore_ClauseRatersFoundOffPutting_IsBelowTheThreshold(string view) =>
        Assert.True(AnchorScore(view) < Model.AnchorInfo.Threshold, $"{view}: {AnchorScore(view):F2}");

    [Theory]
    [InlineData("they've had the car since ten this morning and you've missed your podiatrist")]
    [InlineData("they left the back gate open and the dog got out")]
    [InlineData("they forgot to pick up Isla from nursery on Thursday")]
    [InlineData("they spent £212 at Meijer on things that aren't groceries")]
    public void AnchorScore_PlainClauseAboutWhatHappened_ReachesTheThreshold(string view) =>
        Assert.True(AnchorScore(view) >= Model.AnchorInfo.Threshold, $"{view}: {AnchorScore(view):F2}");

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

    private float AnchorScore(string view) => Model.AnchorScore(view, models.Embedder.Embed("x"));
}
