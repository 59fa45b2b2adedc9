using Microsoft.ML;

namespace CoachService.Core.Models;

/// <summary>Loads a trained ML.NET model, failing with its path when it is missing or unreadable.</summary>
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
}
