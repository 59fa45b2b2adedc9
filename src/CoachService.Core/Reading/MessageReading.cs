using CoachService.Core.Text;

namespace CoachService.Core.Reading;

/// <summary>
/// One sentence as the encoder read it inside its message: the mean of its tokens' contextual states, and what
/// the fine-tuned heads make of that vector (blame logit, category and concern probabilities).
/// </summary>
public sealed record SentenceReading(TextSpan Span, float[] Vector, float BlameLogit, float[] Category, float[] Concern, int FirstToken, int TokenCount);

/// <summary>
/// The one contextual reading of a message: its sentences, its WordPiece tokens, each token's cue logit (how
/// likely it is to carry blame) and the message vector (the mean of every token's state, unit length) that the
/// safety check and retrieval read, and the safety head's probabilities over all its tokens' states (null when the
/// reader has no safety head). Computed once per message by <see cref="MessageReader"/> and passed forward;
/// nothing downstream encodes the message again.
/// </summary>
public sealed record MessageReading(
    string Text,
    IReadOnlyList<SentenceReading> Sentences,
    IReadOnlyList<MessageToken> Tokens,
    float[] CueLogits,
    float[] Vector,
    float[]? Safety = null)
{
    /// <summary>
    /// The features the ML.NET deciders read for one sentence: its blame logit, the highest and the mean blame
    /// logit of the other sentences in the message (its context), and its category and concern probabilities.
    /// </summary>
    public float[] DeciderFeatures(int sentence)
    {
        var own = Sentences[sentence];
        float highest = NoOtherSentence;
        float sum = 0;
        int others = 0;
        for (int i = 0; i < Sentences.Count; i++)
        {
            if (i == sentence)
            {
                continue;
            }

            highest = Math.Max(highest, Sentences[i].BlameLogit);
            sum += Sentences[i].BlameLogit;
            others++;
        }

        var features = new float[DeciderFeatureCount];
        features[0] = own.BlameLogit;
        features[1] = others == 0 ? NoOtherSentence : highest;
        features[2] = others == 0 ? NoOtherSentence : sum / others;
        own.Category.CopyTo(features, 3);
        own.Concern.CopyTo(features, 3 + own.Category.Length);
        return features;
    }

    /// <summary>Blame logit, highest and mean of the others, the seven category and the fifteen concern probabilities.</summary>
    public const int DeciderFeatureCount = 3 + 7 + 15;

    /// <summary>What a lone sentence's missing neighbours count as: a confidently kind sentence.</summary>
    public const float NoOtherSentence = -8f;
}
