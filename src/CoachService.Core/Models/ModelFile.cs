using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace CoachService.Core.Models;

/// <summary>Loads a trained ML.NET model or its JSON description, failing with the path when it is missing or unreadable.</summary>
public static class ModelFile
{
    public static ITransformer Load(MLContext ml, string path)
    {
        ArgumentNullException.ThrowIfNull(ml);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The model file {path} is missing; run the trainer (see README).", path);
        }

        try
        {
            return ml.Model.Load(path, out _);
        }
        catch (Exception ex) when (ex is InvalidOperationException or InvalidDataException or FormatException or IOException or ArgumentException)
        {
            throw new InvalidDataException($"The model file {path} could not be loaded ({ex.Message}); retrain it (see README).", ex);
        }
    }

    /// <summary>The class names of a multi-class model, in the order of its <c>Score</c> vector.</summary>
    /// <typeparam name="TInput">The model's input row.</typeparam>
    public static string[] ClassLabels<TInput>(MLContext ml, ITransformer model)
        where TInput : class
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(model);
        var schema = model.GetOutputSchema(ml.Data.LoadFromEnumerable(Array.Empty<TInput>()).Schema);
        var names = default(VBuffer<ReadOnlyMemory<char>>);
        schema["Score"].GetSlotNames(ref names);
        return names.DenseValues().Select(n => n.ToString()).ToArray();
    }

    /// <summary>
    /// A version for a set of model files: the first 12 hex digits of the SHA-256 of their bytes, in order. Any
    /// retraining changes it; the same files always give the same version.
    /// </summary>
    public static string ShortHash(params string[] paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        using var sha = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var path in paths)
        {
            sha.AppendData(File.ReadAllBytes(path));
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset())[..12];
    }

    /// <summary>
    /// Reads a model's JSON description (what the trainer decided), written by <see cref="SaveDescription{T}"/>; a
    /// missing file, a missing field or bad JSON names the file.
    /// </summary>
    /// <param name="path">The description file.</param>
    /// <param name="what">What it describes, for the message when it is missing ("safety model").</param>
    public static T ReadDescription<T>(string path, string what)
        where T : class
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The {what} description {path} is missing; run the trainer (see README).", path);
        }

        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path), DescriptionOptions)
                ?? throw new InvalidDataException($"{path}: empty model description.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: {ex.Message} Retrain (see README).", ex);
        }
    }

    /// <summary>Writes a model's JSON description, indented, enums by name.</summary>
    public static void SaveDescription<T>(string path, T description) =>
        File.WriteAllText(path, JsonSerializer.Serialize(description, DescriptionOptions) + "\n");

    private static readonly JsonSerializerOptions DescriptionOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };
}
