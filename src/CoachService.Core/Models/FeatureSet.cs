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

    /// <summary>What the fine-tuned encoder's own heads make of the sentence and its neighbours.</summary>
    Heads,

    /// <summary>The heads' reading and the n-grams.</summary>
    HeadsAndNGrams,

    /// <summary>The contextual sentence vector alone.</summary>
    Embedding,

    /// <summary>As <see cref="NGramsEmbeddingAndContext"/>, plus the safety head's reading of the whole message (the safety decider's).</summary>
    NGramsEmbeddingContextAndSafetyHead,

    /// <summary>The (original, rewrite) pair's measures alone (<see cref="Rewriting.RewritePair"/>): the rewrite check.</summary>
    Pair,

    /// <summary>The pair's measures, the rewrite's n-grams, the rewrite's vector and the original's vector: the rewrite check.</summary>
    PairNGramsEmbeddingAndContext,
}
