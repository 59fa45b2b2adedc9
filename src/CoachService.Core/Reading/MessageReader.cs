using CoachService.Core.Text;

namespace CoachService.Core.Reading;

/// <summary>
/// Reads a message once: splits it into sentences, tokenises it, runs the encoder over it in one ONNX Runtime
/// call (sentences packed into windows of at most <see cref="ContextualEncoder.MaxWindowTokens"/> tokens, so each
/// sentence is read with its neighbours), and applies the fine-tuned heads and, when it has one, the safety head.
/// Thread-safe.
/// </summary>
public sealed class MessageReader(WordPieceTokenizer tokenizer, ContextualEncoder encoder, SafetyHead? safetyHead = null)
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
        var prepared = Prepare(text, sentences);
        return Assemble(prepared, Join(encoder.Encode(prepared.Windows, cancellationToken), 0, prepared));
    }

    /// <summary>The message's tokens' contextual states, row by row (tokens x <see cref="ContextualEncoder.Dimensions"/>), as <see cref="Read(string, CancellationToken)"/> computes them; for the trainer.</summary>
    internal float[] TokenStates(string text)
    {
        var prepared = Prepare(text, null);
        return Join(encoder.Encode(prepared.Windows), 0, prepared);
    }

    /// <summary>
    /// Reads several messages with one encoder call for all of them (a batch request): each is read exactly as
    /// <see cref="Read(string, CancellationToken)"/> would read it alone.
    /// </summary>
    public IReadOnlyList<MessageReading> ReadMany(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var prepared = texts.Select(t => Prepare(t, null)).ToList();
        var encoded = encoder.Encode([.. prepared.SelectMany(p => p.Windows)], cancellationToken);
        var readings = new List<MessageReading>(prepared.Count);
        int first = 0;
        foreach (var message in prepared)
        {
            readings.Add(Assemble(message, Join(encoded, first, message)));
            first += message.Windows.Count;
        }

        return readings;
    }

    /// <summary>A message ready for the encoder: its sentences, tokens, each token's sentence, and the windows to encode.</summary>
    private sealed record Prepared(string Text, IReadOnlyList<TextSpan> Spans, IReadOnlyList<MessageToken> Tokens, int[] Owner, List<int[]> Windows);

    private Prepared Prepare(string text, IReadOnlyList<TextSpan>? sentences)
    {
        ArgumentNullException.ThrowIfNull(text);
        var spans = sentences ?? SentenceSplitter.Split(text);
        var tokens = tokenizer.Tokenize(text);
        var owner = OwnerOfEachToken(tokens, spans);
        return new Prepared(text, spans, tokens, owner, Windows(tokens, owner));
    }

    private MessageReading Assemble(Prepared message, float[] states)
    {
        var (text, spans, tokens, owner, _) = message;
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
        var vectorOfMessage = new float[dims];
        for (int t = 0; t < tokens.Count; t++)
        {
            var state = states.AsSpan(t * dims, dims);
            cue[t] = _heads.Cue(state);
            System.Numerics.Tensors.TensorPrimitives.Add(vectorOfMessage, state, vectorOfMessage);
        }

        Normalise(vectorOfMessage);
        return new MessageReading(text, read, tokens, cue, vectorOfMessage, safetyHead?.Probabilities(states, tokens.Count));
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

    /// <summary>The windows a message is encoded in: whole sentences (a longer sentence is cut), up to the window size.</summary>
    private static List<int[]> Windows(IReadOnlyList<MessageToken> tokens, int[] owner)
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

        return windows;
    }

    /// <summary>A message's tokens' states, row by row, from its windows (which start at <paramref name="first"/> in <paramref name="encoded"/>).</summary>
    private static float[] Join(float[][] encoded, int first, Prepared message)
    {
        var states = new float[message.Tokens.Count * ContextualEncoder.Dimensions];
        int offset = 0;
        for (int w = first; w < first + message.Windows.Count; w++)
        {
            encoded[w].CopyTo(states, offset);
            offset += encoded[w].Length;
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
