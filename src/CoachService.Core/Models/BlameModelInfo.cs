using System.Text.Json;
using System.Text.Json.Serialization;

namespace CoachService.Core.Models;

/// <summary>
/// What the trainer decided and the service needs at run time: which features the models read and the
/// probability above which a sentence counts as blame (chosen by cross-validation on the training split).
/// </summary>
public sealed record BlameModelInfo(FeatureSet FeatureSet, float Threshold, string DataHash)
{
    public const string FileName = "blame-model.json";
    public const string ClassifierFileName = "blame-classifier.zip";
    public const string CategoryFileName = "blame-category.zip";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public static BlameModelInfo Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The blame model description {path} is missing; run the trainer (see README).", path);
        }

        var info = JsonSerializer.Deserialize<BlameModelInfo>(File.ReadAllText(path), JsonOptions)
            ?? throw new InvalidDataException($"{path}: empty model description.");
        if (info.Threshold is <= 0 or >= 1)
        {
            throw new InvalidDataException($"{path}: threshold {info.Threshold} is not between 0 and 1.");
        }

        return info;
    }

    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, JsonOptions) + "\n");
}
