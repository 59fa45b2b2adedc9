using System.Text.Json;
using System.Text.Json.Serialization;

namespace CoachService.Core.Models;

/// <summary>
/// What the trainer decided and the service needs at run time: which features the models read, the
/// probability above which a sentence counts as blame, and the band outside which the cheap n-gram screen
/// decides alone (all chosen by cross-validation on the training split).
/// </summary>
/// <param name="FeatureSet">What the blame classifier reads.</param>
/// <param name="Threshold">The blame probability at or above which a sentence blames.</param>
/// <param name="DataHash">The hash of the data the models were trained on.</param>
/// <param name="CategoryFeatureSet">What the category model reads.</param>
/// <param name="Screen">The cascade's band; null when the blame classifier is itself the cheap model.</param>
public sealed record BlameModelInfo(
    FeatureSet FeatureSet,
    float Threshold,
    string DataHash,
    [property: JsonRequired] FeatureSet CategoryFeatureSet,
    ScreenBand? Screen,
    [property: JsonRequired] float ConcernMinConfidence)
{
    public const string FileName = "blame-model.json";
    public const string ClassifierFileName = "blame-classifier.zip";
    public const string CategoryFileName = "blame-category.zip";
    public const string ScreenFileName = "blame-screen.zip";

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

        var info = ModelFile.ReadDescription<BlameModelInfo>(path, JsonOptions);
        if (info.Threshold is <= 0 or >= 1)
        {
            throw new InvalidDataException($"{path}: threshold {info.Threshold} is not between 0 and 1.");
        }

        if (info.ConcernMinConfidence is < 0 or >= 1)
        {
            throw new InvalidDataException($"{path}: concernMinConfidence {info.ConcernMinConfidence} is not in [0, 1).");
        }

        if (info.Screen is { } band && !(band.Below <= info.Threshold && info.Threshold <= band.Above))
        {
            throw new InvalidDataException($"{path}: the screen band [{band.Below}, {band.Above}) must contain the threshold {info.Threshold}.");
        }

        return info;
    }

    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, JsonOptions) + "\n");
}

/// <summary>
/// The cascade: a sentence the n-gram screen scores below <paramref name="Below"/> is not blame, one it scores
/// at or above <paramref name="Above"/> is, and only those in between are embedded and scored by the full model.
/// </summary>
public sealed record ScreenBand(float Below, float Above)
{
    public bool Decides(float screenScore) => screenScore < Below || screenScore >= Above;
}
