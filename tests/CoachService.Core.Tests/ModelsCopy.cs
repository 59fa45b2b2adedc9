namespace CoachService.Core.Tests;

/// <summary>A throwaway copy of the committed models, for tests that change or break a file; deleted on dispose.</summary>
internal sealed class ModelsCopy : IDisposable
{
    public ModelsCopy()
    {
        Path = Directory.CreateTempSubdirectory("coach-models-").FullName;
        foreach (var file in Directory.GetFiles(DetectionFixture.ModelsDirectory))
        {
            System.IO.File.Copy(file, System.IO.Path.Combine(Path, System.IO.Path.GetFileName(file)));
        }
    }

    /// <summary>The copy's directory, to load models from.</summary>
    public string Path { get; }

    public string File(string fileName) => System.IO.Path.Combine(Path, fileName);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
