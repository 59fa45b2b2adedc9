using CoachService.Core.Text;

namespace CoachService.Core.Reading;

/// <summary>
/// Reads a message once: splits it into sentences, tokenises it, runs the encoder over it in one ONNX Runtime
/// call (sentences packed into windows of at most <see cref="ContextualEncoder.MaxWindowTokens"/> tokens, so each
/// sentence is read with its neighbours), and applies the fine-tuned heads. Thread-safe.
/// </summary>
public sealed class MessageReader(WordPieceTokenizer tokenizer, ContextualEncoder encoder)
{
    private const int WindowTokens = ContextualEncoder.MaxWindowTokens - 2;

    private readonly Heads _heads = Heads.From(encoder.Weights);

    /// <summary>The encoder's version: the fine-tuned weights' hash, or "base".</summary>
    public string EncoderVersion => encoder.Weights?.Version ?? "base";

    public MessageReading Read(string text, CancellationToken cancellationToken = default) => Read(text, null, cancellationToken);

    /// <param name="text">The message.</param>
    /// <param name="sentences">Where its sentences are; null to split it as the service does (the trainer passes the labelled sentences).</param>
    /// <param name="cancellationToken">Cancels before the encoder runs.</param>
    public MessageReading Read(string text, IReadOnlyList<TextSpan>? sentences, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        var spans = sentences ?? SentenceSplitter.Split(text);
        var tokens = tokenizer.Tokenize(text);
        var owner = OwnerOfEachToken(tokens, spans);
        var states = Encode(tokens, owner, cancellationToken);

        int dims = ContextualEncoder.Dimensions;
        var read = new List<SentenceReading>(spans.Count);
        for (int s = 0; s < spans.Count; s++)
        {
            int first = Array.IndexOf(owner, s);
            int count = first < 0 ? 0 : owner.AsSpan(first).IndexOfAnyExcept(s) is var n and >= 0 ? n : owner.Length - first;
            var vector = new float[dims];
            if (count > 0)
            {
                for (int t = first; t < first + count; t++)
                {
                    System.Numerics.Tensors.TensorPrimitives.Add(vector, states.AsSpan(t * dims, dims), vector);
                }

                System.Numerics.Tensors.TensorPrimitives.Divide(vector, count, vector);
            }

            read.Add(new SentenceReading(spans[s], vector, _heads.Blame(vector), _heads.Category(vector), _heads.Concern(vector), Math.Max(first, 0), count));
        }

        var cue = new float[tokens.Count];
        var message = new float[dims];
        for (int t = 0; t < tokens.Count; t++)
        {
            var state = states.AsSpan(t * dims, dims);
            cue[t] = _heads.Cue(state);
            System.Numerics.Tensors.TensorPrimitives.Add(message, state, message);
        }

        Normalise(message);
        return new MessageReading(text, read, tokens, cue, message);
    }

    private static void Normalise(float[] vector)
    {
        float norm = System.Numerics.Tensors.TensorPrimitives.Norm(vector);
        if (norm > 0)
        {
            System.Numerics.Tensors.TensorPrimitives.Divide(vector, norm, vector);
        }
    }

    /// <summary>The sentence each token belongs to: the one its first character falls in, else the one before it.</summary>
    private static int[] OwnerOfEachToken(IReadOnlyList<MessageToken> tokens, IReadOnlyList<TextSpan> spans)
    {
        var owner = new int[tokens.Count];
        int s = 0;
        for (int t = 0; t < tokens.Count; t++)
        {
            while (s + 1 < spans.Count && tokens[t].Offset >= spans[s + 1].Offset)
            {
                s++;
            }

            owner[t] = spans.Count == 0 ? 0 : s;
        }

        return owner;
    }

    /// <summary>All tokens' states, row by row: windows of whole sentences (a longer sentence is cut), one call.</summary>
    private float[] Encode(IReadOnlyList<MessageToken> tokens, int[] owner, CancellationToken cancellationToken)
    {
        var windows = new List<int[]>();
        int start = 0;
        while (start < tokens.Count)
        {
            int end = Math.Min(start + WindowTokens, tokens.Count);
            if (end < tokens.Count)
            {
                // End the window where a sentence ends, if one ends inside it.
                int cut = end;
                while (cut > start + 1 && owner[cut] == owner[cut - 1])
                {
                    cut--;
                }

                if (cut > start + 1)
                {
                    end = cut;
                }
            }

            var ids = new int[end - start];
            for (int t = start; t < end; t++)
            {
                ids[t - start] = tokens[t].Id;
            }

            windows.Add(ids);
            start = end;
        }

        var encoded = encoder.Encode(windows, cancellationToken);
        var states = new float[tokens.Count * ContextualEncoder.Dimensions];
        int offset = 0;
        foreach (var window in encoded)
        {
            window.CopyTo(states, offset);
            offset += window.Length;
        }

        return states;
    }

    /// <summary>The fine-tuned heads: linear layers over a sentence vector or a token state.</summary>
    private sealed class Heads(NamedTensor? blameW, NamedTensor? blameB, NamedTensor? categoryW, NamedTensor? categoryB, NamedTensor? concernW, NamedTensor? concernB, NamedTensor? cueW, NamedTensor? cueB)
    {
        public static Heads From(FineTunedWeights? weights) => weights is null
            ? new Heads(null, null, null, null, null, null, null, null)
            : new Heads(
                weights.Head("head.blame.weight"), weights.Head("head.blame.bias"),
                weights.Head("head.category.weight"), weights.Head("head.category.bias"),
                weights.Head("head.concern.weight"), weights.Head("head.concern.bias"),
                weights.Head("head.cue.weight"), weights.Head("head.cue.bias"));

        public float Blame(ReadOnlySpan<float> vector) => blameW is null ? 0f : Linear(blameW, blameB!, vector)[0];

        public float Cue(ReadOnlySpan<float> state) => cueW is null ? 0f : Linear(cueW, cueB!, state)[0];

        public float[] Category(ReadOnlySpan<float> vector) => categoryW is null ? new float[7] : Softmax(Linear(categoryW, categoryB!, vector));

        public float[] Concern(ReadOnlySpan<float> vector) => concernW is null ? new float[15] : Softmax(Linear(concernW, concernB!, vector));

        private static float[] Linear(NamedTensor weight, NamedTensor bias, ReadOnlySpan<float> input)
        {
            int outputs = weight.Shape[0];
            int inputs = weight.Shape[1];
            var result = new float[outputs];
            for (int o = 0; o < outputs; o++)
            {
                result[o] = System.Numerics.Tensors.TensorPrimitives.Dot(weight.Values.AsSpan(o * inputs, inputs), input) + bias.Values[o];
            }

            return result;
        }

        private static float[] Softmax(float[] logits)
        {
            System.Numerics.Tensors.TensorPrimitives.SoftMax(logits, logits);
            return logits;
        }
    }
}
