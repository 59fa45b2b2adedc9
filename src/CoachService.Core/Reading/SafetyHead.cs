using System.Numerics.Tensors;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CoachService.Core.Reading;

/// <summary>
/// The safety head (<c>models/safety-head.json</c>, written by the trainer's <c>safety-head</c> step): a small
/// network over every token's contextual state in the message. Each state goes through one layer
/// (z = GELU(W h + b)); the layer's outputs are pooled over the message by maximum (one dangerous phrase among
/// ordinary sentences decides) and by mean (the whole), and mapped to one probability per safety class. The
/// safety decider reads them beside its other features; they are computed once, with the reading.
/// </summary>
public sealed class SafetyHead
{
    public const string FileName = "safety-head.json";

    private readonly NamedTensor _tokenWeight;
    private readonly NamedTensor _tokenBias;
    private readonly NamedTensor _outWeight;
    private readonly NamedTensor _outBias;
    private readonly int _hidden;

    private SafetyHead(Description description, string version)
    {
        NamedTensor Tensor(string name, params int[] shape)
        {
            var t = description.Tensors.TryGetValue(name, out var found) ? found : throw new InvalidDataException($"{FileName}: tensor '{name}' is missing.");
            return t.Shape.SequenceEqual(shape) && t.Values.Length == shape.Aggregate(1, (a, b) => a * b)
                ? new NamedTensor(t.Shape, t.Values)
                : throw new InvalidDataException($"{FileName}: tensor '{name}' is [{string.Join(", ", t.Shape)}], expected [{string.Join(", ", shape)}].");
        }

        _hidden = description.Hidden;
        Classes = description.Classes;
        EncoderVersion = description.EncoderVersion;
        Version = version;
        _tokenWeight = Tensor("token.weight", _hidden, ContextualEncoder.Dimensions);
        _tokenBias = Tensor("token.bias", _hidden);
        _outWeight = Tensor("out.weight", Classes.Count, 2 * _hidden);
        _outBias = Tensor("out.bias", Classes.Count);
    }

    /// <summary>The classes, in the order of <see cref="Probabilities"/>.</summary>
    public IReadOnlyList<string> Classes { get; }

    /// <summary>The fine-tuned encoder whose states the head was trained on (<see cref="FineTunedWeights.Version"/>).</summary>
    public string EncoderVersion { get; }

    /// <summary>A short hash of the file.</summary>
    public string Version { get; }

    public static SafetyHead Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The safety head {path} is missing; run the trainer (see README).", path);
        }

        try
        {
            var description = JsonSerializer.Deserialize<Description>(File.ReadAllText(path), Options)
                ?? throw new InvalidDataException($"{path}: empty safety head.");
            return new SafetyHead(description, Models.ModelFile.ShortHash(path));
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: {ex.Message} Retrain (see README).", ex);
        }
    }

    /// <summary>
    /// The head in <paramref name="modelsDirectory"/>, or null when there is none (a safety model that reads one
    /// then refuses to load); it must have been trained on the states of the encoder now in use.
    /// </summary>
    public static SafetyHead? LoadIfPresent(string modelsDirectory, string encoderVersion)
    {
        string path = Path.Combine(modelsDirectory, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        var head = Load(path);
        return head.EncoderVersion == encoderVersion
            ? head
            : throw new InvalidDataException($"{path} was trained on encoder {head.EncoderVersion}, but {FineTunedWeights.FileName} is {encoderVersion}; retrain it (see README).");
    }

    /// <summary>One probability per class for a message, from its tokens' states (row by row, <paramref name="tokens"/> rows).</summary>
    public float[] Probabilities(ReadOnlySpan<float> states, int tokens)
    {
        int dims = ContextualEncoder.Dimensions;
        var pooled = new float[2 * _hidden];
        var highest = pooled.AsSpan(0, _hidden);
        var mean = pooled.AsSpan(_hidden, _hidden);
        highest.Fill(float.NegativeInfinity);
        var z = new float[_hidden];
        for (int t = 0; t < tokens; t++)
        {
            var state = states.Slice(t * dims, dims);
            for (int j = 0; j < _hidden; j++)
            {
                z[j] = Gelu(TensorPrimitives.Dot(_tokenWeight.Values.AsSpan(j * dims, dims), state) + _tokenBias.Values[j]);
            }

            TensorPrimitives.Max(highest, z, highest);
            TensorPrimitives.Add(mean, z, mean);
        }

        if (tokens == 0)
        {
            highest.Clear();
        }
        else
        {
            TensorPrimitives.Divide(mean, tokens, mean);
        }

        var logits = new float[Classes.Count];
        for (int c = 0; c < logits.Length; c++)
        {
            logits[c] = TensorPrimitives.Dot(_outWeight.Values.AsSpan(c * pooled.Length, pooled.Length), pooled) + _outBias.Values[c];
        }

        TensorPrimitives.SoftMax(logits, logits);
        return logits;
    }

    /// <summary>GELU, in the tanh form the trainer uses.</summary>
    private static float Gelu(float x) => 0.5f * x * (1f + MathF.Tanh(0.7978845608f * (x + 0.044715f * x * x * x)));

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    private sealed record Tensor([property: JsonRequired] int[] Shape, [property: JsonRequired] float[] Values);

    private sealed record Description(
        [property: JsonRequired] string EncoderVersion,
        [property: JsonRequired] IReadOnlyList<string> Classes,
        [property: JsonRequired] int Hidden,
        [property: JsonRequired] IReadOnlyDictionary<string, Tensor> Tensors);
}
