using System.Text.Json.Serialization;

namespace CoachService.Core.Models;

/// <summary>
/// What the trainer decided and the service needs at run time, all chosen by cross-validation on the training
/// split: what the blame decider reads, the probability at which a sentence counts as blame, the concern floor,
/// and the cue tagger's threshold. <paramref name="EncoderVersion"/> ties the deciders to the fine-tuned encoder
/// whose reading they were trained on; loading them with another encoder fails at start-up.
/// </summary>
/// <param name="FeatureSet">What the blame decider reads.</param>
/// <param name="Threshold">The blame probability at or above which a sentence blames.</param>
/// <param name="DataHash">The hash of the data the models were trained on.</param>
/// <param name="CategoryFeatureSet">What the category model reads.</param>
/// <param name="ConcernMinConfidence">Below this top probability the concern is <c>general</c>.</param>
/// <param name="CueThreshold">The cue logit at or above which a token is highlighted.</param>
/// <param name="EncoderVersion">The fine-tuned encoder's version (<see cref="Reading.FineTunedWeights.Version"/>).</param>
/// <param name="UnsureThreshold">From this probability up to <paramref name="Threshold"/> a message is not called kind: the service is not sure.</param>
/// <param name="KeepAsWrittenBelow">
/// The rewriter's line for keeping a sentence as written: in a message being rewritten, a sentence under the blame
/// threshold but at or above this line is not kept as written (it joins the complaint, or is left out). Chosen per
/// reader by the trainer, because each reader scores the sentences around a complaint differently.
/// </param>
/// <param name="ClearlyKindBelow">The rewriter's line under which a sentence reads kindly even with a blame rule's words in it ("I never sleep well before a talk"); chosen as <paramref name="KeepAsWrittenBelow"/> is.</param>
public sealed record BlameModelInfo(
    FeatureSet FeatureSet,
    float Threshold,
    string DataHash,
    [property: JsonRequired] FeatureSet CategoryFeatureSet,
    [property: JsonRequired] float ConcernMinConfidence,
    [property: JsonRequired] float CueThreshold,
    [property: JsonRequired] string EncoderVersion,
    [property: JsonRequired] float UnsureThreshold,
    [property: JsonRequired] float KeepAsWrittenBelow,
    [property: JsonRequired] float ClearlyKindBelow)
{
    public const string FileName = "blame-model.json";
    public const string ClassifierFileName = "blame-classifier.zip";
    public const string CategoryFileName = "blame-category.zip";
    public const string ConcernFileName = "concern.zip";

    public static BlameModelInfo Load(string path)
    {
        var info = ModelFile.ReadDescription<BlameModelInfo>(path, "blame model");
        if (info.Threshold is <= 0 or >= 1)
        {
            throw new InvalidDataException($"{path}: threshold {info.Threshold} is not between 0 and 1.");
        }

        if (info.ConcernMinConfidence is < 0 or >= 1)
        {
            throw new InvalidDataException($"{path}: concernMinConfidence {info.ConcernMinConfidence} is not in [0, 1).");
        }

        if (info.ClearlyKindBelow is <= 0 || info.ClearlyKindBelow > info.KeepAsWrittenBelow || info.KeepAsWrittenBelow > info.Threshold)
        {
            throw new InvalidDataException($"{path}: the rewriter's lines must satisfy 0 < clearlyKindBelow ({info.ClearlyKindBelow}) <= keepAsWrittenBelow ({info.KeepAsWrittenBelow}) <= threshold ({info.Threshold}).");
        }

        return info;
    }

    public void Save(string path) => ModelFile.SaveDescription(path, this);
}
