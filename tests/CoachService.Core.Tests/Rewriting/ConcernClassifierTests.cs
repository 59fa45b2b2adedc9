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
        var withoutFloor = LoadWithConcernFloor(0);

        Assert.NotEqual(Concern.General, withoutFloor.Classify(text));
        Assert.Equal(Concern.General, models.Concerns.Classify(text));
    }

    [Fact]
    public void Load_DescriptionWithoutTheConcernFloor_FailsNamingTheFileAndField()
    {
        string directory = CopyModels();
        var description = JsonNode.Parse(File.ReadAllText(Path.Combine(directory, BlameModelInfo.FileName)))!.AsObject();
        description.Remove("concernMinConfidence");
        File.WriteAllText(Path.Combine(directory, BlameModelInfo.FileName), description.ToJsonString());

        var ex = Assert.Throws<InvalidDataException>(() => BlameClassifier.Load(directory, models.Embedder));

        Assert.Contains(BlameModelInfo.FileName, ex.Message, StringComparison.Ordinal);
        Assert.Contains("concernMinConfidence", ex.Message, StringComparison.Ordinal);
    }

    private ConcernClassifier LoadWithConcernFloor(float floor)
    {
        string directory = CopyModels();
        string path = Path.Combine(directory, BlameModelInfo.FileName);
        (BlameModelInfo.Load(path) with { ConcernMinConfidence = floor }).Save(path);
        return ConcernClassifier.Load(directory, BlameClassifier.Load(directory, models.Embedder));
    }

    private static string CopyModels()
    {
        string directory = Directory.CreateTempSubdirectory("coach-concern-").FullName;
        foreach (var file in Directory.GetFiles(DetectionFixture.ModelsDirectory).Where(f => Path.GetFileName(f) is BlameModelInfo.FileName || f.EndsWith(".zip", StringComparison.Ordinal)))
        {
            File.Copy(file, Path.Combine(directory, Path.GetFileName(file)));
        }

        return directory;
    }
}
