namespace CoachService.Core.Models;

/// <summary>The inputs a trained model was built on, recorded in <c>models/blame-model.json</c>.</summary>
public enum FeatureSet
{
    /// <summary>Word and character n-grams from ML.NET's FeaturizeText.</summary>
    NGrams,

    /// <summary>The n-grams concatenated with the MiniLM sentence embedding.</summary>
    NGramsAndEmbedding,

    /// <summary>As <see cref="NGramsAndEmbedding"/>, plus the embedding of the whole message the sentence is in.</summary>
    NGramsEmbeddingAndContext,
}
