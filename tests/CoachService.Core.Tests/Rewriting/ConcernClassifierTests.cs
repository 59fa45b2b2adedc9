using System.Text.Json.Nodes;
using CoachService.Core.Detection;
using CoachService.Core.Models;
using CoachService.Core.Rewriting;

namespace CoachService.Core.Tests.Rewriting;

[Collection(DetectionModelsGroup.Name)]
public class ConcernClassifierTests(DetectionFixture models)
{
    [Theory]
    [InlineData("You never help with the dishes.", "chores")]
    [InlineData("ur always on ur phone at dinner", "phone")]
    [InlineData("Late again.", "lateness")]
    [InlineData("You spent all our savings on that stupid car.", "money")]
    public void Classify_ClearComplaint_NamesItsConcern(string text, string concern)
    {
        Assert.Equal(concern, models.Concerns.Classify(text));
    }

    [Theory]
    [InlineData("Must be nice.")]
    [InlineData("You did it again.")]
    [InlineData("You never even noticed.")]
    public void Classify_VagueComplaint_IsGeneralWhereTheModelWouldOnlyGuess(string text)
    {
        using var copy = new ModelsCopy();
        string description = copy.File(BlameModelInfo.FileName);
        (BlameModelInfo.Load(description) with { ConcernMinConfidence = 0 }).Save(description);
        var withoutFloor = ConcernClassifier.Load(copy.Path, BlameClassifier.Load(copy.Path, models.Embedder));

        Assert.NotEqual(Concern.General, withoutFloor.Classify(text));
        Assert.Equal(Concern.General, models.Concerns.Classify(text));
    }

    [Fact]
    public void Load_DescriptionWithoutTheConcernFloor_FailsNamingTheFileAndField()
    {
        using var copy = new ModelsCopy();
        var description = JsonNode.Parse(File.ReadAllText(copy.File(BlameModelInfo.FileName)))!.AsObject();
        description.Remove("concernMinConfidence");
        File.WriteAllText(copy.File(BlameModelInfo.FileName), description.ToJsonString());

        var ex = Assert.Throws<InvalidDataException>(() => BlameClassifier.Load(copy.Path, models.Embedder));

        Assert.Contains(BlameModelInfo.FileName, ex.Message, StringComparison.Ordinal);
        Assert.Contains("concernMinConfidence", ex.Message, StringComparison.Ordinal);
    }
}
